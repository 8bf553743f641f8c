// Themes. Inside VS Code the page gets VS Code's `--vscode-*` variables and a `vscode-light` / `vscode-dark` /
// `vscode-high-contrast` body class, and the UI uses nothing else. The standalone page has neither: it defines the
// same variables from VS Code's default themes (Light Modern, Dark Modern, Dark High Contrast), picks one from the
// browser's preferences (colour scheme, more contrast, forced colours) or the theme menu, and sets the same classes.

export type ThemeKind = 'light' | 'dark' | 'high-contrast';
export type ThemeChoice = ThemeKind | 'auto';

const common = `
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", Ubuntu, "Liberation Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  --vscode-editor-font-size: 12px; --vscode-font-weight: normal;
`;

const themes: Record<ThemeKind, string> = {
  light: `
  --vscode-foreground: #3b3b3b; --vscode-descriptionForeground: #616161; --vscode-errorForeground: #a1260d;
  --vscode-editor-background: #ffffff; --vscode-editor-foreground: #3b3b3b; --vscode-sideBar-background: #f8f8f8;
  --vscode-panel-background: #f8f8f8; --vscode-panel-border: #e5e5e5; --vscode-focusBorder: #005fb8;
  --vscode-widget-border: #e5e5e5; --vscode-editorWidget-background: #f8f8f8;
  --vscode-list-activeSelectionBackground: #e4effa; --vscode-list-activeSelectionForeground: #000000;
  --vscode-list-hoverBackground: #f2f2f2; --vscode-textLink-foreground: #005fb8;
  --vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #0258a8;
  --vscode-button-border: #0000001a; --vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #3b3b3b;
  --vscode-button-secondaryHoverBackground: #cccccc;
  --vscode-input-background: #ffffff; --vscode-input-foreground: #3b3b3b; --vscode-input-border: #cecece;
  --vscode-input-placeholderForeground: #767676; --vscode-dropdown-background: #ffffff; --vscode-dropdown-border: #cecece;
  --vscode-dropdown-foreground: #3b3b3b; --vscode-checkbox-background: #f8f8f8; --vscode-checkbox-border: #cecece;
  --vscode-badge-background: #cccccc; --vscode-badge-foreground: #3b3b3b; --vscode-textCodeBlock-background: #f2f2f2;
  --vscode-editorWarning-foreground: #895503; --vscode-settings-headerBorder: #e5e5e5;
  --vscode-panelTitle-activeForeground: #3b3b3b; --vscode-panelTitle-inactiveForeground: #616161; --vscode-panelTitle-activeBorder: #005fb8;
  --vscode-charts-foreground: #3b3b3b; --vscode-charts-lines: #61616180; --vscode-charts-blue: #1a85ff; --vscode-charts-red: #e51400;
  --vscode-charts-green: #388a34; --vscode-charts-yellow: #bf8803; --vscode-charts-orange: #d18616; --vscode-charts-purple: #652d90;
  --vscode-scrollbarSlider-background: #64646466;
  --vscode-settings-textInputBackground: #ffffff; --vscode-settings-textInputBorder: #cecece; --vscode-settings-textInputForeground: #3b3b3b;
  --vscode-settings-checkboxBackground: #f8f8f8; --vscode-settings-checkboxBorder: #cecece; --vscode-settings-checkboxForeground: #3b3b3b;
  --vscode-settings-dropdownBackground: #ffffff; --vscode-settings-dropdownBorder: #cecece; --vscode-settings-dropdownForeground: #3b3b3b;
  --vscode-settings-dropdownListBorder: #e5e5e5; --vscode-checkbox-foreground: #3b3b3b; --vscode-button-separator: #ffffff66;
  --vscode-list-focusOutline: #005fb8; --vscode-list-highlightForeground: #0066bf; --vscode-toolbar-hoverBackground: #b8b8b850;
  --vscode-widget-shadow: #00000029; --vscode-inputValidation-errorBackground: #f2dede; --vscode-inputValidation-errorBorder: #be1100;`,
  dark: `
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-errorForeground: #f85149;
  --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc; --vscode-sideBar-background: #181818;
  --vscode-panel-background: #181818; --vscode-panel-border: #2b2b2b; --vscode-focusBorder: #0078d4;
  --vscode-widget-border: #313131; --vscode-editorWidget-background: #202020;
  --vscode-list-activeSelectionBackground: #04395e; --vscode-list-activeSelectionForeground: #ffffff;
  --vscode-list-hoverBackground: #2a2d2e; --vscode-textLink-foreground: #4daafc;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1;
  --vscode-button-border: #ffffff12; --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc;
  --vscode-button-secondaryHoverBackground: #3c3c3c;
  --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c;
  --vscode-input-placeholderForeground: #989898; --vscode-dropdown-background: #313131; --vscode-dropdown-border: #3c3c3c;
  --vscode-dropdown-foreground: #cccccc; --vscode-checkbox-background: #313131; --vscode-checkbox-border: #3c3c3c;
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8; --vscode-textCodeBlock-background: #2b2b2b;
  --vscode-editorWarning-foreground: #cca700; --vscode-settings-headerBorder: #2b2b2b;
  --vscode-panelTitle-activeForeground: #cccccc; --vscode-panelTitle-inactiveForeground: #9d9d9d; --vscode-panelTitle-activeBorder: #0078d4;
  --vscode-charts-foreground: #cccccc; --vscode-charts-lines: #cccccc80; --vscode-charts-blue: #3794ff; --vscode-charts-red: #f14c4c;
  --vscode-charts-green: #89d185; --vscode-charts-yellow: #cca700; --vscode-charts-orange: #d18616; --vscode-charts-purple: #b180d7;
  --vscode-scrollbarSlider-background: #79797966;
  --vscode-settings-textInputBackground: #313131; --vscode-settings-textInputBorder: #3c3c3c; --vscode-settings-textInputForeground: #cccccc;
  --vscode-settings-checkboxBackground: #313131; --vscode-settings-checkboxBorder: #3c3c3c; --vscode-settings-checkboxForeground: #cccccc;
  --vscode-settings-dropdownBackground: #313131; --vscode-settings-dropdownBorder: #3c3c3c; --vscode-settings-dropdownForeground: #cccccc;
  --vscode-settings-dropdownListBorder: #454545; --vscode-checkbox-foreground: #cccccc; --vscode-button-separator: #ffffff66;
  --vscode-list-focusOutline: #0078d4; --vscode-list-highlightForeground: #2aaaff; --vscode-toolbar-hoverBackground: #5a5d5e50;
  --vscode-widget-shadow: #0000005c; --vscode-inputValidation-errorBackground: #5a1d1d; --vscode-inputValidation-errorBorder: #be1100;`,
  'high-contrast': `
  --vscode-foreground: #ffffff; --vscode-descriptionForeground: #ffffff; --vscode-errorForeground: #f48771;
  --vscode-editor-background: #000000; --vscode-editor-foreground: #ffffff; --vscode-sideBar-background: #000000;
  --vscode-panel-background: #000000; --vscode-panel-border: #6fc3df; --vscode-focusBorder: #f38518;
  --vscode-contrastBorder: #6fc3df; --vscode-contrastActiveBorder: #f38518;
  --vscode-widget-border: #6fc3df; --vscode-editorWidget-background: #0c141f;
  --vscode-list-activeSelectionBackground: #000000; --vscode-list-activeSelectionForeground: #ffffff;
  --vscode-list-hoverBackground: #000000; --vscode-textLink-foreground: #21a6ff;
  --vscode-button-background: #000000; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #000000;
  --vscode-button-border: #6fc3df; --vscode-button-secondaryBackground: #000000; --vscode-button-secondaryForeground: #ffffff;
  --vscode-button-secondaryHoverBackground: #000000;
  --vscode-input-background: #000000; --vscode-input-foreground: #ffffff; --vscode-input-border: #6fc3df;
  --vscode-input-placeholderForeground: #ffffffb3; --vscode-dropdown-background: #000000; --vscode-dropdown-border: #6fc3df;
  --vscode-dropdown-foreground: #ffffff; --vscode-checkbox-background: #000000; --vscode-checkbox-border: #6fc3df;
  --vscode-badge-background: #000000; --vscode-badge-foreground: #ffffff; --vscode-textCodeBlock-background: #000000;
  --vscode-editorWarning-foreground: #ffd370; --vscode-settings-headerBorder: #6fc3df;
  --vscode-panelTitle-activeForeground: #ffffff; --vscode-panelTitle-inactiveForeground: #ffffff; --vscode-panelTitle-activeBorder: #6fc3df;
  --vscode-charts-foreground: #ffffff; --vscode-charts-lines: #ffffff; --vscode-charts-blue: #3794ff; --vscode-charts-red: #f14c4c;
  --vscode-charts-green: #89d185; --vscode-charts-yellow: #ffd700; --vscode-charts-orange: #ff9f4a; --vscode-charts-purple: #c9a2ec;
  --vscode-scrollbarSlider-background: #6fc3df99;
  --vscode-settings-textInputBackground: #000000; --vscode-settings-textInputBorder: #6fc3df; --vscode-settings-textInputForeground: #ffffff;
  --vscode-settings-checkboxBackground: #000000; --vscode-settings-checkboxBorder: #6fc3df; --vscode-settings-checkboxForeground: #ffffff;
  --vscode-settings-dropdownBackground: #000000; --vscode-settings-dropdownBorder: #6fc3df; --vscode-settings-dropdownForeground: #ffffff;
  --vscode-settings-dropdownListBorder: #6fc3df; --vscode-checkbox-foreground: #ffffff; --vscode-button-separator: #ffffff;
  --vscode-list-focusOutline: #f38518; --vscode-list-highlightForeground: #21a6ff; --vscode-toolbar-hoverBackground: #00000000;
  --vscode-toolbar-hoverOutline: #f38518; --vscode-widget-shadow: #00000000; --vscode-inputValidation-errorBackground: #000000;
  --vscode-inputValidation-errorBorder: #f48771;`,
};

/** The variables the standalone page defines, one rule per theme class. */
export const standaloneThemeCss = `
body.standalone { ${common} }
body.standalone.vscode-light { ${themes.light} }
body.standalone.vscode-dark { ${themes.dark} }
body.standalone.vscode-high-contrast { ${themes['high-contrast']} }
`;

const classes: Record<ThemeKind, string[]> = {
  light: ['vscode-light'],
  dark: ['vscode-dark'],
  'high-contrast': ['vscode-high-contrast'],
};

function preferred(): ThemeKind {
  if (matchMedia('(forced-colors: active)').matches || matchMedia('(prefers-contrast: more)').matches) return 'high-contrast';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The theme VS Code gave the page, from its body class. */
export function currentTheme(): ThemeKind {
  const list = document.body.classList;
  if (list.contains('vscode-high-contrast') || list.contains('vscode-high-contrast-light')) return 'high-contrast';
  return list.contains('vscode-dark') ? 'dark' : 'light';
}

/** Standalone only: applies a theme choice now and, for `auto`, whenever the browser's preferences change. */
export function applyStandaloneTheme(choice: ThemeChoice): void {
  const kind = choice === 'auto' ? preferred() : choice;
  document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
  document.body.classList.add('standalone', ...classes[kind]);
  document.body.dataset['themeChoice'] = choice;
  document.documentElement.style.colorScheme = kind === 'light' ? 'light' : 'dark';
}

export function watchPreferences(onChange: () => void): void {
  for (const query of ['(prefers-color-scheme: dark)', '(prefers-contrast: more)', '(forced-colors: active)']) {
    matchMedia(query).addEventListener('change', onChange);
  }
}
