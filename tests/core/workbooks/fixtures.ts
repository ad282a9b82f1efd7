import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Draft, TableRow, Values } from '../../../electron/shared/draft';
import type { RegionTemplate } from '../../../electron/shared/region-template';
import { usccCheckChar } from '../../../electron/shared/validation';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import { findSoffice } from '../../../electron/core/documents/libreoffice';
import { requireSystemTools } from '../../helpers/system-tools';
import { makeTempDir } from '../../helpers/temp-dir';

/** Test data and tools shared by the workbook tests: valid codes, drafts, LibreOffice, hand-built zips. */

/** A valid 统一社会信用代码 with subject number n (n = 22, 51, 80 … end in X; n = 4 gives 916501000000000042). */
export function makeUscc(n: number, prefix = '91650100'): string {
  const body = `${prefix}${String(n).padStart(9, '0')}`;
  return body + usccCheckChar(body);
}

/** Codes the tests rely on: one ending in X, one of digits only (Excel would turn it into 9.16501E+17). */
export const usccWithX = '91650100000000022X';
export const usccAllDigits = '916501000000000042';

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const titles = ['正高级工程师', '高级工程师', '教授', '副教授', '研究员', '工程师'];
const majors = ['化学工程', '煤化工工艺', '催化材料', '过程控制', '环境工程', '机械设计'];

/** A team member (科研团队) row. */
export function person(i: number, unit = `测试单位${(i % 200) + 1}有限公司`): Values {
  return {
    name: `${surnames[i % surnames.length]}${String.fromCharCode(0x4e00 + ((i * 7919) % 20000))}${i}`,
    age: String(25 + (i % 40)),
    postTitle: `主任/${titles[i % titles.length]}`,
    major: majors[i % majors.length],
    workUnit: unit,
  };
}

export function row(values: Values): TableRow {
  return { id: randomUUID(), values };
}

/** A draft of a region with the given rows. */
export function makeDraft(template: RegionTemplate, tables: Partial<Record<keyof Draft['tables'], Values[]>>, fields: Values = {}): Draft {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    regionId: template.id,
    templateVersion: template.version,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    fields: { consortiumName: '新疆现代煤化工测试创新联合体', ...fields },
    tables: {
      members: (tables.members ?? []).map(row),
      team: (tables.team ?? []).map(row),
      platforms: (tables.platforms ?? []).map(row),
      council: (tables.council ?? []).map(row),
    },
  };
}

/** A real store on a temporary file, as the app opens it. */
export function openTempStore(): { store: DraftStore; dir: string; cleanup: () => void } {
  const temp = makeTempDir('lianheti-wb-');
  const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), { autoRevisionMinutes: 0 });
  return {
    store,
    dir: temp.dir,
    cleanup: () => {
      store.close();
      temp.cleanup();
    },
  };
}

/** Puts a draft into a store and returns the stored copy (with the store's row ids). */
export function storeDraft(store: DraftStore, draft: Draft): Draft {
  return store.createDraft({
    id: draft.id,
    regionId: draft.regionId,
    templateVersion: draft.templateVersion,
    fields: draft.fields,
    tables: {
      members: draft.tables.members.map((r) => r.values),
      team: draft.tables.team.map((r) => r.values),
      platforms: draft.tables.platforms.map((r) => r.values),
      council: draft.tables.council.map((r) => r.values),
    },
  });
}

// ---- LibreOffice ---------------------------------------------------------------------------------

/** soffice as the core finds it; the tests that need it fail (not skip) without it, naming what to install. */
function soffice(): string {
  requireSystemTools('soffice-calc');
  const path = findSoffice();
  if (!path) throw new Error('LibreOffice (soffice) not found');
  return path;
}

/** RFC 4180 CSV as LibreOffice writes it. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let current: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      current.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      current.push(field);
      rows.push(current);
      current = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || current.length > 0) {
    current.push(field);
    rows.push(current);
  }
  return rows;
}

/**
 * Converts workbooks with LibreOffice in one run and returns, per input file, every sheet as rows of
 * cells (raw values, not as formatted). Uses its own profile folder so parallel runs do not collide.
 */
export function sofficeSheets(files: string[], outDir: string): Map<string, Map<string, string[][]>> {
  const sofficePath = soffice();
  const profile = makeTempDir('lo-wb-');
  try {
    const run = spawnSync(
      sofficePath,
      [
        '--headless',
        `-env:UserInstallation=file://${profile.dir}`,
        '--convert-to',
        // UTF-8, comma, quotes, raw values, every sheet into its own file (…-<sheet>.csv).
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        outDir,
        ...files,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
  } finally {
    profile.cleanup();
  }
  const result = new Map<string, Map<string, string[][]>>();
  for (const file of files) {
    const base = basename(file).replace(/\.xlsx$/, '');
    const sheets = new Map<string, string[][]>();
    for (const name of readdirSync(outDir)) {
      if (name.startsWith(`${base}-`) && name.endsWith('.csv')) {
        sheets.set(name.slice(base.length + 1, -4), parseCsv(readFileSync(join(outDir, name), 'utf8')));
      }
    }
    result.set(file, sheets);
  }
  return result;
}

/** Converts one file to PDF with LibreOffice; returns the PDF's path. */
export function sofficePdf(file: string, outDir: string): string {
  const sofficePath = soffice();
  const profile = makeTempDir('lo-wb-');
  try {
    const run = spawnSync(sofficePath, ['--headless', `-env:UserInstallation=file://${profile.dir}`, '--convert-to', 'pdf', '--outdir', outDir, file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
  } finally {
    profile.cleanup();
  }
  return join(outDir, basename(file).replace(/\.xlsx$/, '.pdf'));
}

// ---- hand-built zips (hostile files) ----------------------------------------------------------------

export interface ZipPart {
  name: string;
  data: Buffer;
  /** Compressed bytes as stored (defaults to `data` stored uncompressed). */
  compressed?: Buffer;
  method?: 0 | 8;
  /** The size the central directory declares (defaults to the real size): lets a test lie. */
  declaredSize?: number;
  /** The name the central directory gives (defaults to `name`, which the local header gives). */
  centralName?: string;
}

/** A zip file built byte by byte, so tests can make archives no zip library would. */
export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const stored = part.compressed ?? part.data;
    const method = part.method ?? (part.compressed ? 8 : 0);
    const size = part.declaredSize ?? part.data.length;
    const crc = crc32(part.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, stored);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    const centralName = part.centralName === undefined ? name : Buffer.from(part.centralName, 'utf8');
    central.writeUInt16LE(centralName.length, 28);
    centrals.push(central, centralName);
    offset += 30 + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts every .xlsx has around one worksheet. */
export function minimalWorkbookParts(sheetXml: Buffer, compressed?: Buffer): ZipPart[] {
  const text = (s: string) => Buffer.from(s, 'utf8');
  return [
    {
      name: '[Content_Types].xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="人员名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml, ...(compressed ? { compressed, method: 8 as const } : {}) },
  ];
}
