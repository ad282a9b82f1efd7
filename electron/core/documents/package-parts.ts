import { esc } from './xml-escape';

/**
 * The parts every OOXML package we write has besides its own (content types, the package relationships and the
 * document properties), shared by the .docx and .xlsx writers. Each returns the part's root element; the writer
 * puts its XML declaration before it.
 */

const officeRel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const appName = '联合体申报助手';

/** [Content_Types].xml: rels and xml by extension, the writer's own parts by name, then the two property parts. */
export function contentTypesXml(defaults: ReadonlyArray<readonly [extension: string, type: string]>, overrides: ReadonlyArray<readonly [part: string, type: string]>): string {
  return (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    defaults.map(([extension, type]) => `<Default Extension="${extension}" ContentType="${type}"/>`).join('') +
    overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('') +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>'
  );
}

/** _rels/.rels: the main part and the two property parts. */
export function packageRelsXml(mainPart: string): string {
  return (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rId1" Type="${officeRel}/officeDocument" Target="${mainPart}"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${officeRel}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

/** docProps/core.xml: the title (when given), this program as creator, created and modified now. */
export function corePropertiesXml(at: Date, { title, revision }: { title?: string; revision?: number } = {}): string {
  const now = at.toISOString().replace(/\.\d+Z$/, 'Z');
  return (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (title === undefined ? '' : `<dc:title>${esc(title)}</dc:title>`) +
    `<dc:creator>${appName}</dc:creator>` +
    (revision === undefined ? '' : `<cp:revision>${revision}</cp:revision>`) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** docProps/app.xml: the same in every file. */
export const appPropertiesXml =
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
  `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>${appName}</Application></Properties>`;
