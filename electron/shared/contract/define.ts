import { z } from 'zod';
import { tableIds } from '../region-template';

/** Longest single value accepted (a 500-字 text is ~1.5 kB; this leaves room and stops runaway pastes). */
export const maxValueLength = 200_000;
export const maxRowsPerCall = 10_000;

/** Building blocks for contract entries; every module of the contract uses these. */
export const id = z.string().min(1).max(64);
export const text = z.string().max(maxValueLength, { message: `内容过长（超过 ${maxValueLength} 个字符），未保存` });
export const key = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/);
export const values = z.record(key, text);
export const table = z.enum(tableIds);

/** A phantom carrying the result type of a channel; nothing is returned at run time. */
export function result<T>(): T {
  return undefined as T;
}

/** One channel: its input schema and its result type. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I;
  result: R;
}
