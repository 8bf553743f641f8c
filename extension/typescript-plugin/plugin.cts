// A TypeScript server plugin (package.json `contributes.typescriptServerPlugins`; the TypeScript extension loads it
// by its package name from the extension's node_modules). A program that holds a snippet file gets the engine's
// declarations as one more root file: `torch` and `F` as globals, and `import ... from "tensor-inspector"` resolved
// to the engine's API, and every file counts as a module. Completion, signature help and type errors then work in
// snippets without any tsconfig.
// The declarations are built into dist/types (scripts/build-types.mjs), next to this plugin's bundle.
import path = require('node:path');
import type * as ts from 'typescript';

const { join } = path;

interface PluginConfiguration {
  /** Glob patterns of snippet files (the `tensorInspector.snippetFiles` setting). */
  snippetFiles: string[];
  /** Whether untitled TypeScript documents are snippets. */
  untitled: boolean;
}

const moduleName = 'tensor-inspector';
const typesDir = join(__dirname, 'types');
const globalsFile = join(typesDir, 'snippet-globals.d.ts').replace(/\\/g, '/');
const engineIndex = join(typesDir, 'engine', 'index.d.ts').replace(/\\/g, '/');

/** A glob (`**`, `*`, `?`, `{a,b}`) as a regular expression over a path's end, since the plugin knows no workspace root. */
function globToRegExp(pattern: string): RegExp {
  let source = '';
  const glob = pattern.replace(/\\/g, '/').replace(/^\*\*\//, '');
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') source += '(?:';
    else if (c === '}') source += ')';
    else if (c === ',') source += '|';
    else source += c.replace(/[.+^$()|[\]]/g, '\\$&');
  }
  return new RegExp(`(?:^|/)${source}$`, 'i');
}

function init(modules: { typescript: typeof ts }): ts.server.PluginModule {
  const typescript = modules.typescript;
  let patterns: RegExp[] = [];
  let untitled = true;
  const projects = new Set<ts.server.Project>();
  const configure = (configuration: Partial<PluginConfiguration>): void => {
    patterns = (configuration.snippetFiles ?? ['**/*.torch.ts', '**/*.torch.js']).map(globToRegExp);
    untitled = configuration.untitled ?? true;
  };
  configure({});
  // tsserver names an untitled document `^/untitled/...` (older versions: `untitled:...`).
  const isSnippet = (fileName: string): boolean =>
    /^(\^\/untitled\/|untitled:)/.test(fileName) ? untitled : patterns.some((p) => p.test(fileName.replace(/\\/g, '/')));

  return {
    create(info) {
      const { project } = info;
      const host = info.languageServiceHost;
      projects.add(project);
      const scriptFileNames = host.getScriptFileNames.bind(host);
      host.getScriptFileNames = () => {
        const names = scriptFileNames();
        return names.some(isSnippet) && !names.includes(globalsFile) ? [...names, globalsFile] : names;
      };
      // Each snippet is a program of its own to the runner: as modules, two snippets in one folder may both declare
      // `const a` without TypeScript calling it a redeclaration across files.
      const compilationSettings = host.getCompilationSettings.bind(host);
      host.getCompilationSettings = () => {
        const settings = compilationSettings();
        return scriptFileNames().some(isSnippet) ? { ...settings, moduleDetection: typescript.ModuleDetectionKind.Force } : settings;
      };
      const resolve = host.resolveModuleNameLiterals?.bind(host);
      if (resolve) {
        host.resolveModuleNameLiterals = (literals, containingFile, ...rest) => {
          const resolved = resolve(literals, containingFile, ...rest);
          if (!isSnippet(containingFile)) return resolved;
          return literals.map((literal, i) => (literal.text === moduleName
            ? { resolvedModule: { resolvedFileName: engineIndex, extension: typescript.Extension.Dts, isExternalLibraryImport: true } }
            : resolved[i]!));
        };
      }
      info.project.projectService.logger.info(`${moduleName}: typings from ${typesDir}`);
      return info.languageService;
    },
    onConfigurationChanged(configuration: Partial<PluginConfiguration>) {
      configure(configuration);
      for (const project of projects) {
        if (project.isClosed()) projects.delete(project);
        else {
          // Not in the public typings, but what tsserver itself calls when a project's inputs change.
          (project as ts.server.Project & { markAsDirty?(): void }).markAsDirty?.();
          project.refreshDiagnostics();
        }
      }
    },
  };
}

export = Object.assign(init, { globToRegExp });
