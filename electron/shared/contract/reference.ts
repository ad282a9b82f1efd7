import { z } from 'zod';
import type { CodeItem } from '../code-tables';
import { result } from './define';

/** Reference data: the national code lists (GB/T 4754-2017 industries, GB/T 13745-2009 disciplines). */
export const referenceContract = {
  /** Searches a code list by code prefix or any part of a name, for the searchable pickers. */
  'codes.search': {
    input: z.object({ kind: z.enum(['industry', 'discipline']), query: z.string().max(50), limit: z.number().int().min(1).max(100).optional() }).strict(),
    result: result<CodeItem[]>(),
  },
  /** The entry for one code (to show the name beside a typed code), or null. */
  'codes.lookup': {
    input: z.object({ kind: z.enum(['industry', 'discipline']), code: z.string().max(20) }).strict(),
    result: result<CodeItem | null>(),
  },
} as const;
