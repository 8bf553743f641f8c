export const root: string;
export function buildForTests(): Promise<string>;
