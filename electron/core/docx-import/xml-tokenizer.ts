import { XmlTokenizer, type XmlAttributes } from '../xml/xml-tokenizer';

/**
 * The shared streaming tokenizer with namespaces resolved, for the parts of a Word document: element and
 * attribute names arrive as namespace URI and local name. On top of the tokenizer's own refusals (no
 * document type declaration, so no entity-expansion bombs or external entities; bounded tags and depth;
 * well-formedness) it refuses undeclared prefixes, repeated attributes and more elements than the limit.
 */

export interface XmlName {
  /** The namespace URI ('' when none). */
  uri: string;
  local: string;
}

export interface XmlHandler {
  open(name: XmlName, attributes: Map<string, string>, selfClosing: boolean): void;
  close(name: XmlName): void;
  text(text: string): void;
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
}

/** A malformed or hostile part; `position` is the character offset where reading stopped. */
export class XmlError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at offset ${position}`);
    this.name = 'XmlError';
  }
}

/** An attribute key as `uri|local` (just `local` for attributes without a prefix). */
export const attributeKey = (uri: string, local: string): string => (uri === '' ? local : `${uri}|${local}`);

const xmlNamespace = 'http://www.w3.org/XML/1998/namespace';

interface OpenElement {
  name: XmlName;
  /** Whether this element declared namespaces (and so pushed a scope). */
  declares: boolean;
}

export function tokenizeXml(xml: string, handler: XmlHandler, limits: XmlLimits): void {
  const stack: OpenElement[] = [];
  const scopes: Array<Map<string, string>> = [new Map([['xml', xmlNamespace]])];
  let elements = 0;

  const refuse = (detail: string, position: number): never => {
    throw new XmlError(detail, position);
  };

  const resolve = (qname: string, isAttribute: boolean): XmlName => {
    const colon = qname.indexOf(':');
    if (colon < 0) {
      if (isAttribute) return { uri: '', local: qname };
      for (let s = scopes.length - 1; s >= 0; s--) {
        const uri = scopes[s].get('');
        if (uri !== undefined) return { uri, local: qname };
      }
      return { uri: '', local: qname };
    }
    const prefix = qname.slice(0, colon);
    for (let s = scopes.length - 1; s >= 0; s--) {
      const uri = scopes[s].get(prefix);
      if (uri !== undefined) return { uri, local: qname.slice(colon + 1) };
    }
    return refuse(`undeclared namespace prefix "${prefix}"`, tokenizer.elementAt);
  };

  const open = (qname: string, raw: XmlAttributes, selfClosing: boolean): void => {
    elements++;
    if (elements > limits.maxElements) refuse(`more than ${limits.maxElements} elements`, tokenizer.elementAt);
    let declared: Map<string, string> | null = null;
    const names = Object.keys(raw);
    for (const attributeName of names) {
      if (attributeName === 'xmlns') (declared ??= new Map()).set('', raw[attributeName]);
      else if (attributeName.startsWith('xmlns:')) (declared ??= new Map()).set(attributeName.slice(6), raw[attributeName]);
    }
    if (declared) scopes.push(declared);
    const name = resolve(qname, false);
    const attributes = new Map<string, string>();
    for (const attributeName of names) {
      if (attributeName === 'xmlns' || attributeName.startsWith('xmlns:')) continue;
      const resolved = resolve(attributeName, true);
      const key = attributeKey(resolved.uri, resolved.local);
      if (attributes.has(key)) refuse(`repeated attribute ${attributeName}`, tokenizer.elementAt);
      attributes.set(key, raw[attributeName]);
    }
    stack.push({ name, declares: declared !== null });
    handler.open(name, attributes, selfClosing);
  };

  const tokenizer: XmlTokenizer = new XmlTokenizer(
    {
      open,
      close() {
        // The tokenizer has already matched the qualified names; this stack carries what they resolved to.
        const element = stack.pop() as OpenElement;
        handler.close(element.name);
        if (element.declares) scopes.pop();
      },
      text: (text) => handler.text(text),
    },
    refuse,
    { maxDepth: limits.maxDepth, qualifiedNames: true },
  );
  tokenizer.write(xml);
  tokenizer.end();
}
