/** What Vite gives for the user guide's text and its screenshots (see components/HelpDialog.tsx). */
declare module '*.md?raw' {
  const text: string;
  export default text;
}

interface ImportMeta {
  glob(pattern: string, options: { eager: true; query: '?url'; import: 'default' }): Record<string, string>;
}
