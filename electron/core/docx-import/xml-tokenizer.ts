/**
 * A small SAX-style XML tokenizer for the parts of a Word document. It walks the text once, resolves
 * namespace prefixes, decodes the five predefined entities and character references, and checks that the
 * document is well formed (every element closed in order, one root). A document type declaration is
 * refused outright: WordprocessingML never has one, and it is how entity-expansion bombs and external
 * entities get in. Limits on depth and element count stop hostile files early.
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
const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(raw: string, at: number): string {
  if (!raw.includes('&')) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const amp = raw.indexOf('&', i);
    if (amp < 0) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, amp);
    const semi = raw.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) throw new XmlError('unterminated entity reference', at + amp);
    const name = raw.slice(amp + 1, semi);
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff || !/^#(x[0-9a-fA-F]+|X[0-9a-fA-F]+|[0-9]+)$/.test(name)) {
        throw new XmlError(`bad character reference &${name};`, at + amp);
      }
      out += String.fromCodePoint(code);
    } else {
      const value = predefined[name];
      if (value === undefined) throw new XmlError(`undefined entity &${name};`, at + amp);
      out += value;
    }
    i = semi + 1;
  }
  return out;
}

const isNameStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c > 127;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

interface OpenElement {
  qname: string;
  name: XmlName;
  /** Prefix → URI declared on this element (null when it declares none). */
  declared: Map<string, string> | null;
}

export function tokenizeXml(xml: string, handler: XmlHandler, limits: XmlLimits): void {
  const stack: OpenElement[] = [];
  const scopes: Array<Map<string, string>> = [new Map([['xml', xmlNamespace]])];
  let elements = 0;
  let sawRoot = false;
  let i = 0;
  const length = xml.length;

  const resolve = (qname: string, isAttribute: boolean, at: number): XmlName => {
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
    throw new XmlError(`undeclared namespace prefix "${prefix}"`, at);
  };

  const readName = (): string => {
    const start = i;
    if (i >= length || !isNameStart(xml.charCodeAt(i))) throw new XmlError('expected a name', i);
    while (i < length && isNameChar(xml.charCodeAt(i))) i++;
    return xml.slice(start, i);
  };
  const skipSpace = (): void => {
    while (i < length && isSpace(xml.charCodeAt(i))) i++;
  };

  while (i < length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      if (stack.length === 0) {
        if (raw.trim() !== '') throw new XmlError('text outside the root element', i);
      } else {
        if (raw.includes(']]>')) throw new XmlError('"]]>" in text', i);
        handler.text(decodeEntities(raw, i));
      }
    }
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end < 0) throw new XmlError('unterminated processing instruction', i);
      i = end + 2;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError('unterminated comment', i);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) throw new XmlError('CDATA outside the root element', i);
      const end = xml.indexOf(']]>', i + 9);
      if (end < 0) throw new XmlError('unterminated CDATA section', i);
      handler.text(xml.slice(i + 9, end));
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!', i)) {
      throw new XmlError('document type declarations are not allowed', i);
    }
    if (xml.charCodeAt(i + 1) === 47 /* / */) {
      i += 2;
      const qname = readName();
      skipSpace();
      if (xml.charCodeAt(i) !== 62) throw new XmlError('expected ">" to end a closing tag', i);
      i++;
      const open = stack.pop();
      if (!open || open.qname !== qname) {
        throw new XmlError(`closing tag </${qname}> does not match <${open?.qname ?? '(none)'}>`, i);
      }
      handler.close(open.name);
      if (open.declared) scopes.pop();
      continue;
    }
    // A start tag.
    const tagAt = i;
    i++;
    const qname = readName();
    const rawAttributes: Array<[string, string, number]> = [];
    let selfClosing = false;
    for (;;) {
      const before = i;
      skipSpace();
      if (i >= length) throw new XmlError('unterminated start tag', tagAt);
      const c = xml.charCodeAt(i);
      if (c === 62) {
        i++;
        break;
      }
      if (c === 47) {
        if (xml.charCodeAt(i + 1) !== 62) throw new XmlError('expected "/>"', i);
        i += 2;
        selfClosing = true;
        break;
      }
      if (i === before) throw new XmlError('expected a space before an attribute', i);
      const attributeAt = i;
      const attributeName = readName();
      skipSpace();
      if (xml.charCodeAt(i) !== 61) throw new XmlError('expected "=" after an attribute name', i);
      i++;
      skipSpace();
      const quote = xml.charCodeAt(i);
      if (quote !== 34 && quote !== 39) throw new XmlError('expected a quoted attribute value', i);
      const end = xml.indexOf(String.fromCharCode(quote), i + 1);
      if (end < 0) throw new XmlError('unterminated attribute value', i);
      const raw = xml.slice(i + 1, end);
      if (raw.includes('<')) throw new XmlError('"<" in an attribute value', i);
      rawAttributes.push([attributeName, decodeEntities(raw, i + 1), attributeAt]);
      i = end + 1;
    }
    if (stack.length === 0) {
      if (sawRoot) throw new XmlError('more than one root element', tagAt);
      sawRoot = true;
    }
    elements++;
    if (elements > limits.maxElements) throw new XmlError(`more than ${limits.maxElements} elements`, tagAt);
    if (stack.length + 1 > limits.maxDepth) throw new XmlError(`elements nested deeper than ${limits.maxDepth}`, tagAt);

    let declared: Map<string, string> | null = null;
    for (const [attributeName, value] of rawAttributes) {
      if (attributeName === 'xmlns') (declared ??= new Map()).set('', value);
      else if (attributeName.startsWith('xmlns:')) (declared ??= new Map()).set(attributeName.slice(6), value);
    }
    if (declared) scopes.push(declared);
    const name = resolve(qname, false, tagAt);
    const attributes = new Map<string, string>();
    for (const [attributeName, value, at] of rawAttributes) {
      if (attributeName === 'xmlns' || attributeName.startsWith('xmlns:')) continue;
      const resolved = resolve(attributeName, true, at);
      const key = attributeKey(resolved.uri, resolved.local);
      if (attributes.has(key)) throw new XmlError(`repeated attribute ${attributeName}`, at);
      attributes.set(key, value);
    }
    handler.open(name, attributes, selfClosing);
    if (selfClosing) {
      handler.close(name);
      if (declared) scopes.pop();
    } else {
      stack.push({ qname, name, declared });
    }
  }
  if (stack.length > 0) throw new XmlError(`unclosed element <${stack[stack.length - 1].qname}>`, length);
  if (!sawRoot) throw new XmlError('no root element', length);
}
