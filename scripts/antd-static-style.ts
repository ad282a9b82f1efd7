import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ComponentType, ReactElement, ReactNode } from 'react';
import type { Plugin } from 'vite';
import { theme } from '../renderer/src/theme';

/**
 * antd's styles, generated once at build time instead of in the page.
 *
 * antd v5 writes its CSS in JavaScript: on first use of each component the page computes the style object,
 * serialises it and inserts a <style> tag — the largest cost of the home screen's first render. Here every
 * antd component is rendered once on the server side into a style cache, and the cache is written out as
 * plain CSS that the build bundles in front of the app's own styles. The CSS ends with the cache-path map
 * (`.data-ant-cssinjs-cache-path{content:"…"}`) that @ant-design/cssinjs reads in the page: a style whose
 * path is in the map is taken as already loaded from the file and is neither generated nor inserted.
 * A component missing from the file still works: its style is generated in the page as before.
 */

export const antdStyleModule = 'virtual:antd-static.css';
const resolvedId = `\0${antdStyleModule}`;

interface StyleCache {
  readonly brand: unique symbol;
}
interface CssInJs {
  createCache(): StyleCache;
  extractStyle(cache: StyleCache, options: { plain: boolean }): string;
  StyleProvider: ComponentType<{ cache: StyleCache; children?: ReactNode }>;
}
interface ReactModule {
  createElement<P extends object>(type: ComponentType<P>, props: P, ...children: ReactNode[]): ReactElement;
}
interface ReactDomServer {
  renderToString(element: ReactElement): string;
}
type AntdComponent = ComponentType<Record<string, unknown>> & { _InternalPanelDoNotUseOrYouWillBeFired?: ComponentType<Record<string, unknown>> };

// Not visual components, or ones that only make sense around others (ConfigProvider would change nothing).
const skipped = new Set(['ConfigProvider', 'Grid']);

/** Props that make a component render the parts whose styles the app needs (open popups, a row, an icon). */
const propsFor: Record<string, Record<string, unknown> | Record<string, unknown>[]> = {
  Table: { columns: [{ title: 'a', dataIndex: 'a', key: 'a' }], dataSource: [{ key: 1, a: 'a' }], pagination: { total: 40 } },
  Tabs: { items: [{ key: 'a', label: 'a', children: 'a' }] },
  Steps: { items: [{ title: 'a' }, { title: 'b' }] },
  Progress: { percent: 50 },
  Menu: { items: [{ key: 'a', label: 'a' }] },
  Dropdown: { menu: { items: [{ key: 'a', label: 'a' }] }, children: 'a' },
  Tree: { treeData: [{ key: 'a', title: 'a' }] },
  QRCode: { value: 'a' },
  Affix: { children: 'a' },
  Badge: { count: 1 },
  // The preset colours and the status colours are two more style sheets, registered only when used.
  Tag: [{}, { color: 'blue' }, { color: 'success' }],
  Result: { status: 'success' },
  Input: [{}, { allowClear: true }, { status: 'error' }, { showCount: true, maxLength: 10 }],
};

/**
 * Components that the app's components render inside themselves (Table's pager and filters, Select's list,
 * Form's grid, the App's message and notification), whose styles are needed although the sources never import them.
 */
const renderedInside = ['Row', 'Col', 'Pagination', 'Dropdown', 'Menu', 'Popover', 'Tooltip', 'Empty', 'Spin', 'Checkbox', 'Radio', 'Select', 'Input', 'message', 'notification', 'Modal', 'Skeleton'];

/** The antd components the sources import by name (`import { Button, Table } from 'antd'`). */
export function antdComponentsUsed(sourceDir: string): Set<string> {
  const names = new Set<string>(renderedInside);
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
      return;
    }
    if (!/\.tsx?$/.test(path)) return;
    for (const match of readFileSync(path, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'antd'/g)) {
      for (const item of match[1].split(',')) {
        const name = item.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
        if (name) names.add(name);
      }
    }
  };
  visit(sourceDir);
  return names;
}

/**
 * Renders the named antd components (every one when no names are given) into one style cache and returns
 * the cache as a CSS file's text.
 */
export function extractAntdCss(only?: Set<string>): string {
  // The class-name hash differs between development and production builds of @ant-design/cssinjs (it is
  // read when the module loads): the file must carry the production one, which the built page uses.
  const previousEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const load = createRequire(__filename);
    const react = load('react') as ReactModule;
    const server = load('react-dom/server') as ReactDomServer;
    const cssinjs = load('@ant-design/cssinjs') as CssInJs;
    const antd = load('antd') as Record<string, unknown>;
    const ConfigProvider = antd.ConfigProvider as ComponentType<{ theme: typeof theme; children?: ReactNode }>;
    const cache = cssinjs.createCache();
    for (const [name, value] of Object.entries(antd)) {
      if (skipped.has(name) || (only && !only.has(name)) || !/^[A-Z]/.test(name) || (typeof value !== 'function' && typeof value !== 'object') || value === null) continue;
      const component = value as AntdComponent;
      const parts: ComponentType<Record<string, unknown>>[] = [component];
      // Popups (Modal, Tooltip, Popconfirm, Select's list …) render nothing closed; their panels carry the styles.
      if (component._InternalPanelDoNotUseOrYouWillBeFired) parts.push(component._InternalPanelDoNotUseOrYouWillBeFired);
      // Input's text area (the 500-字 texts) and its other kinds register sheets of their own.
      for (const member of ['TextArea', 'Search', 'Password']) {
        const sub = (component as unknown as Record<string, unknown>)[member];
        if (name === 'Input' && typeof sub === 'object' && sub !== null) parts.push(sub as ComponentType<Record<string, unknown>>);
      }
      const propSets = ([] as Record<string, unknown>[]).concat(propsFor[name] ?? {});
      // A form item inside a form: the item's own sheets (label, control, the fallback one) register only there.
      const item = (component as AntdComponent & { Item?: ComponentType<Record<string, unknown>> }).Item;
      if (name === 'Form' && item) propSets.push({ children: react.createElement(item, { label: 'a', help: 'a', children: 'a' }) });
      for (const part of parts) {
        for (const props of propSets) {
          try {
            // Under the app's own theme: its tokens are part of each style's hash, so styles made under antd's
            // default theme would not be the ones the page asks for.
            const themed = react.createElement(ConfigProvider, { theme, children: react.createElement(part, props) });
            server.renderToString(react.createElement(cssinjs.StyleProvider, { cache, children: themed }));
          } catch {
            // A component that cannot render without real props keeps generating its style in the page.
          }
        }
      }
    }
    return cssinjs.extractStyle(cache, { plain: true });
  } finally {
    if (previousEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previousEnv;
  }
}

/**
 * A Vite plugin serving the extracted CSS as `virtual:antd-static.css` in builds (the dev server generates
 * styles in the page): the styles of the components used under `sourceDir`, so the file stays small.
 */
export function antdStaticStyle(sourceDir: string): Plugin {
  let build = false;
  return {
    name: 'antd-static-style',
    enforce: 'pre',
    configResolved(config) {
      build = config.command === 'build';
    },
    resolveId(id) {
      return id === antdStyleModule ? resolvedId : undefined;
    },
    load(id) {
      if (id !== resolvedId) return undefined;
      return build ? extractAntdCss(antdComponentsUsed(sourceDir)) : '';
    },
  };
}
