/**
 * A streaming XML tokenizer for the parts of an .xlsx or .docx: text arrives in chunks, elements and text
 * are handed to a handler as soon as they are complete, and nothing of the document is kept but the open
 * elements' names. It is strict where a hostile file could hurt — no DTD (so no entity expansion), a
 * character reference must name a real character, tags must nest and close, a tag or a nesting may not
 * grow without end — and it calls `fail` with a precise English detail and the offset where reading
 * stopped for anything else it refuses.
 */

export type XmlAttributes = Record<string, string>;

export interface XmlHandler {
  /**
   * An element opened; `name` is its local name (the prefix dropped) unless the tokenizer keeps qualified
   * names, attributes keep their full names.
   */
  open(name: string, attributes: XmlAttributes, selfClosing: boolean): void;
  close(name: string): void;
  /** Text, entity references resolved; one text node may arrive in several calls. */
  text(text: string): void;
}

/** A tag, comment or processing instruction longer than this is not an honest spreadsheet. */
const maxTokenChars = 1024 * 1024;
const defaultMaxDepth = 256;

export interface XmlTokenizerOptions {
  /** Deepest nesting allowed (256 when not given). */
  maxDepth?: number;
  /** Hand elements over by their qualified names (`w:p`), for a caller that resolves namespaces itself. */
  qualifiedNames?: boolean;
}

const noAttributes: XmlAttributes = Object.freeze({});
const namedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML 1.0's Char production, less what no text can hold (NUL and lone surrogates). */
function isXmlChar(code: number): boolean {
  return (code > 0 && code < 0xd800) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function isNameEnd(code: number): boolean {
  // white space, '/', '>'
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x2f || code === 0x3e;
}

/** XML's NameStartChar, simplified to what matters here: a letter, '_', ':' or anything beyond ASCII. */
function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a || code > 0x7f;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * `text.slice(start, end)`, except that the names every worksheet repeats for each cell come back as the
 * same constant strings: no string is made for them, and an attribute stored under one of them needs no
 * look-up of its name. A name that cannot begin as it does comes back empty; the constants need no check.
 */
function nameAt(text: string, start: number, end: number): string {
  switch (end - start) {
    case 1:
      switch (text.charCodeAt(start)) {
        case 0x63:
          return 'c';
        case 0x66:
          return 'f';
        case 0x72:
          return 'r';
        case 0x73:
          return 's';
        case 0x74:
          return 't';
        case 0x76:
          return 'v';
      }
      break;
    case 2:
      if (text.startsWith('si', start)) return 'si';
      if (text.startsWith('is', start)) return 'is';
      if (text.startsWith('ht', start)) return 'ht';
      break;
    case 3:
      if (text.startsWith('row', start)) return 'row';
      if (text.startsWith('rPh', start)) return 'rPh';
      break;
    case 5:
      if (text.startsWith('spans', start)) return 'spans';
      break;
  }
  return isNameStart(text.charCodeAt(start)) ? text.slice(start, end) : '';
}

export class XmlTokenizer {
  private pending = '';
  private readonly stack: string[] = [];
  private seenRoot = false;
  /** Where the text being tokenized begins in the whole document. */
  private base = 0;
  /** Where the last start tag began in the whole document, for errors its handler raises (qualified names only). */
  elementAt = 0;
  private readonly maxDepth: number;
  private readonly qualifiedNames: boolean;

  constructor(
    private readonly handler: XmlHandler,
    private readonly fail: (detail: string, position: number) => never,
    options: XmlTokenizerOptions = {},
  ) {
    this.maxDepth = options.maxDepth ?? defaultMaxDepth;
    this.qualifiedNames = options.qualifiedNames ?? false;
  }

  private refuse(detail: string, at: number): never {
    return this.fail(detail, this.base + at);
  }

  /**
   * Resolves entity and character references; refuses any that does not name a character. `at` is where
   * `text` begins in the text being tokenized.
   */
  decode(text: string, at = 0): string {
    let amp = text.indexOf('&');
    if (amp < 0) return text;
    let out = '';
    let from = 0;
    while (amp >= 0) {
      const semi = text.indexOf(';', amp + 1);
      if (semi < 0 || semi - amp > 12) this.refuse(`unterminated entity reference near "${text.slice(amp, amp + 12)}"`, at + amp);
      const body = text.slice(amp + 1, semi);
      let replacement: string;
      if (body.charCodeAt(0) === 0x23 /* # */) {
        const hex = body.charCodeAt(1) === 0x78 || body.charCodeAt(1) === 0x58;
        const digits = hex ? body.slice(2) : body.slice(1);
        const valid = hex ? /^[0-9a-fA-F]{1,8}$/.test(digits) : /^[0-9]{1,10}$/.test(digits);
        const code = valid ? parseInt(digits, hex ? 16 : 10) : NaN;
        if (!valid || !isXmlChar(code)) this.refuse(`invalid character reference &${body};`, at + amp);
        replacement = String.fromCodePoint(code);
      } else {
        const named = namedEntities[body];
        if (named === undefined) this.refuse(`undefined entity &${body};`, at + amp);
        replacement = named;
      }
      out += text.slice(from, amp) + replacement;
      from = semi + 1;
      amp = text.indexOf('&', from);
    }
    return out + text.slice(from);
  }

  write(chunk: string): void {
    const text = this.pending === '' ? chunk : this.pending + chunk;
    const stop = this.run(text);
    this.pending = text.slice(stop);
    this.base += stop;
    if (this.pending.length > maxTokenChars) this.refuse(`a tag or reference longer than ${maxTokenChars} characters`, 0);
  }

  end(): void {
    const rest = this.pending;
    if (rest.trim() !== '') {
      // Text after the root element or an unfinished tag.
      if (rest.includes('<') || this.stack.length > 0) this.refuse('the document ends inside a tag', 0);
      this.refuse('text outside the root element', 0);
    }
    this.pending = '';
    this.base += rest.length;
    if (this.stack.length > 0) this.refuse(`unclosed element <${this.stack[this.stack.length - 1]}>`, 0);
    if (!this.seenRoot) this.refuse('no root element', 0);
  }

  /** Tokenizes as far as the text allows; returns where the unfinished rest begins. */
  private run(text: string): number {
    const length = text.length;
    let at = 0;
    while (at < length) {
      const lt = text.indexOf('<', at);
      if (lt < 0) {
        // Text to the end: hand it over except a reference that may continue in the next chunk.
        const amp = text.lastIndexOf('&');
        const cut = amp >= at && text.indexOf(';', amp) < 0 ? amp : length;
        if (cut > at) this.emitText(text.slice(at, cut), at);
        return cut;
      }
      if (lt > at) this.emitText(text.slice(at, lt), at);
      // Asked before reading past the end: a read out of bounds throws away the engine's optimized code.
      if (lt + 1 >= length) return lt;
      const next = text.charCodeAt(lt + 1);
      let end: number;
      if (next === 0x3f /* ? */) {
        end = text.indexOf('?>', lt + 2);
        if (end < 0) return lt;
        end += 2;
      } else if (next === 0x21 /* ! */) {
        if (text.startsWith('<!--', lt)) {
          end = text.indexOf('-->', lt + 4);
          if (end < 0) return lt;
          end += 3;
        } else if (text.startsWith('<![CDATA[', lt)) {
          end = text.indexOf(']]>', lt + 9);
          if (end < 0) return lt;
          if (this.stack.length === 0) this.refuse('character data outside the root element', lt);
          this.handler.text(text.slice(lt + 9, end));
          end += 3;
        } else if (length - lt < 9) {
          return lt;
        } else {
          // <!DOCTYPE …> and its entity declarations are how XML bombs are made; no .xlsx part has one.
          this.refuse('a document type declaration (<!DOCTYPE>) is not allowed', lt);
        }
      } else if (next === 0x2f /* / */) {
        const stack = this.stack;
        const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
        if (top !== undefined && lt + 2 + top.length < length && text.charCodeAt(lt + 2 + top.length) === 0x3e /* > */ && text.startsWith(top, lt + 2)) {
          // </name> closing the open element, as nearly every end tag is: nothing to cut or compare.
          stack.pop();
          this.handler.close(top);
          end = lt + 3 + top.length;
        } else {
          end = text.indexOf('>', lt + 2);
          if (end < 0) return lt;
          const written = text.slice(lt + 2, end).trim();
          const name = this.qualifiedNames ? written : localName(written);
          const open = stack.pop();
          if (open !== name) this.refuse(`</${name}> closes <${open ?? 'nothing'}>`, lt);
          this.handler.close(name);
          end += 1;
        }
      } else {
        const parsed = this.openTag(text, lt);
        if (parsed < 0) return lt;
        end = parsed;
      }
      at = end;
    }
    return at;
  }

  private emitText(raw: string, at: number): void {
    if (this.stack.length === 0) {
      if (raw.trim() !== '') this.refuse('text outside the root element', at);
      return;
    }
    // The one sequence text may not hold: it ends a CDATA section, so a writer that let it through is broken.
    if (raw.includes(']]>')) this.refuse('"]]>" in text', at + raw.indexOf(']]>'));
    this.handler.text(this.decode(raw, at));
  }

  /** Parses a start tag at `lt`; returns the index after it, or -1 when the text ends inside it. */
  private openTag(text: string, lt: number): number {
    const length = text.length;
    let at = lt + 1;
    while (at < length && !isNameEnd(text.charCodeAt(at))) at++;
    if (at >= length) return -1;
    const name = nameAt(text, lt + 1, at);
    if (name === '') this.refuse(`an element without a proper name near "${text.slice(lt, lt + 12)}"`, lt);
    // Most tags (<v>, <t>, <is>) have no attributes: they share one empty, frozen set.
    let attributes: XmlAttributes = noAttributes;
    for (;;) {
      const before = at;
      while (at < length && isSpace(text.charCodeAt(at))) at++;
      if (at >= length) return -1;
      const code = text.charCodeAt(at);
      if (code === 0x3e /* > */ || code === 0x2f /* / */) {
        const selfClosing = code === 0x2f;
        if (selfClosing) {
          if (at + 1 >= length) return -1;
          if (text.charCodeAt(at + 1) !== 0x3e) this.refuse(`malformed tag <${name}>`, at);
          at++;
        }
        if (this.qualifiedNames) {
          this.elementAt = this.base + lt;
          this.startElement(name, attributes, selfClosing, lt);
        } else {
          this.startElement(localName(name), attributes, selfClosing, lt);
        }
        return at + 1;
      }
      // Only after an attribute's value can no space have been skipped: <a x="1"y="2"> runs two together.
      if (at === before) this.refuse(`no space before an attribute of <${name}>`, at);
      const nameStart = at;
      while (at < length) {
        const c = text.charCodeAt(at);
        if (c === 0x3d /* = */ || isSpace(c) || c === 0x3e || c === 0x2f) break;
        at++;
      }
      if (at >= length) return -1;
      const attribute = nameAt(text, nameStart, at);
      if (attribute === '') this.refuse(`an attribute of <${name}> without a proper name`, nameStart);
      while (at < length && isSpace(text.charCodeAt(at))) at++;
      if (at >= length) return -1;
      if (text.charCodeAt(at) !== 0x3d) this.refuse(`attribute ${attribute} of <${name}> has no value`, at);
      at++;
      while (at < length && isSpace(text.charCodeAt(at))) at++;
      if (at >= length) return -1;
      const quote = text.charCodeAt(at);
      if (quote !== 0x22 && quote !== 0x27) this.refuse(`attribute ${attribute} of <${name}> is not quoted`, at);
      const close = text.indexOf(quote === 0x22 ? '"' : "'", at + 1);
      if (close < 0) return -1;
      const raw = text.slice(at + 1, close);
      if (raw.includes('<')) this.refuse(`'<' in attribute ${attribute} of <${name}>`, at);
      if (attributes === noAttributes) attributes = {};
      // A caller resolving namespaces must see every attribute; for the others the look-up per attribute
      // costs a tenth of the worksheet scan, and a repeat only overwrites a value.
      else if (this.qualifiedNames && Object.hasOwn(attributes, attribute)) this.refuse(`repeated attribute ${attribute} of <${name}>`, nameStart);
      attributes[attribute] = this.decode(raw, at + 1);
      at = close + 1;
    }
  }

  private startElement(name: string, attributes: XmlAttributes, selfClosing: boolean, lt: number): void {
    if (this.stack.length === 0) {
      if (this.seenRoot) this.refuse('a second root element', lt);
      this.seenRoot = true;
    }
    if (this.stack.length >= this.maxDepth) this.refuse(`elements nested deeper than ${this.maxDepth}`, lt);
    this.handler.open(name, attributes, selfClosing);
    if (selfClosing) this.handler.close(name);
    else this.stack.push(name);
  }
}

/** The value of an attribute by its local name (r:id, x:id or id), for attributes whose prefix varies. */
export function attributeByLocalName(attributes: XmlAttributes, name: string): string | undefined {
  if (attributes[name] !== undefined) return attributes[name];
  for (const key of Object.keys(attributes)) if (localName(key) === name) return attributes[key];
  return undefined;
}
