import { describe, expect, it } from 'vitest';
import { tokenizeXml, XmlError, type XmlName } from '../../../electron/core/docx-import/xml-tokenizer';

const limits = { maxDepth: 50, maxElements: 1000 };

function events(xml: string): string[] {
  const out: string[] = [];
  const name = (n: XmlName) => `${n.uri ? `{${n.uri}}` : ''}${n.local}`;
  tokenizeXml(
    xml,
    {
      open: (n, attributes, selfClosing) => out.push(`<${name(n)}${[...attributes].map(([k, v]) => ` ${k}=${v}`).join('')}${selfClosing ? '/' : ''}>`),
      close: (n) => out.push(`</${name(n)}>`),
      text: (t) => out.push(JSON.stringify(t)),
    },
    limits,
  );
  return out;
}

describe('the XML tokenizer', () => {
  it('resolves prefixes to namespaces, decodes entities and character references, keeps CDATA as text', () => {
    expect(events(`<?xml version="1.0"?><!-- c --><a:r xmlns:a="urn:a" a:k='v&amp;w'><a:t>x &lt;&#x4E00;&#20108;</a:t><![CDATA[<b>]]><e xmlns="urn:e"/></a:r>`)).toEqual([
      '<{urn:a}r urn:a|k=v&w>',
      '<{urn:a}t>',
      JSON.stringify('x <一二'),
      '</{urn:a}t>',
      JSON.stringify('<b>'),
      '<{urn:e}e/>',
      '</{urn:e}e>',
      '</{urn:a}r>',
    ]);
  });

  it.each([
    ['<a><b></a></b>', /<\/a> closes <b>/],
    ['<a>', /unclosed/],
    ['<a/><b/>', /second root element/],
    ['<a x="1" x="2"/>', /repeated attribute/],
    ['<p:a/>', /undeclared namespace prefix/],
    ['<!DOCTYPE a><a/>', /document type declaration/],
    ['<a>&foo;</a>', /undefined entity/],
    ['<a>&#xZZ;</a>', /invalid character reference/],
    ['<a>&#0;</a>', /invalid character reference/],
    ['<a>x]]>y</a>', /"]]>" in text/],
    ['<a x="1"y="2"/>', /no space before an attribute/],
    ['<1a/>', /without a proper name/],
    ['<a 1="x"/>', /without a proper name/],
    ['<a/>&amp', /outside the root/],
    ['<a b=1/>', /not quoted/],
    ['text<a/>', /outside the root/],
    [`${'<a>'.repeat(60)}${'</a>'.repeat(60)}`, /deeper than 50/],
    [`<a>${'<b/>'.repeat(1001)}</a>`, /more than 1000 elements/],
  ])('refuses %s', (xml, reason) => {
    expect(() => events(xml)).toThrow(XmlError);
    expect(() => events(xml)).toThrow(reason);
  });
});
