import { z } from 'zod';
import { maxValueLength } from './contract/define';
import { regionIdSchema, tableIds } from './region-template';
import { regionSettingsSchema } from './region-settings';

/**
 * The project file (项目文件, *.lhtproj.json): one or more drafts as JSON, to move work between computers,
 * to keep outside the app, and as the CLI's input. Documented in docs/project-file.md.
 * Sizes are bounded so that a hostile file is rejected before it can exhaust memory.
 */
export const projectFormat = 'lianheti-project';
export const projectSchemaVersion = 1;

export const projectLimits = {
  maxDrafts: 500,
  maxRowsPerTable: 10_000,
  /** The same limit as one value through the contract, so every draft the app holds can be exported and read back. */
  maxFieldLength: maxValueLength,
  maxKeys: 200,
} as const;

const valuesSchema = z
  .record(z.string().max(64), z.string().max(projectLimits.maxFieldLength))
  .refine((values) => Object.keys(values).length <= projectLimits.maxKeys, { message: '字段数量过多' });

export const projectDraftSchema = z
  .object({
    id: z.string().max(64).optional(),
    regionId: regionIdSchema,
    templateVersion: z.number().int().positive(),
    createdAt: z.string().max(40).optional(),
    updatedAt: z.string().max(40).optional(),
    fields: valuesSchema,
    tables: z
      .object(
        Object.fromEntries(
          tableIds.map((id) => [id, z.array(valuesSchema).max(projectLimits.maxRowsPerTable).default([])]),
        ) as Record<(typeof tableIds)[number], z.ZodDefault<z.ZodArray<typeof valuesSchema>>>,
      )
      .strict(),
    /** 地区设置 of a draft whose region the user sets (其他地区（通用版式）); absent for the built-in regions. */
    regionSettings: regionSettingsSchema.optional(),
  })
  .strict();
export type ProjectDraft = z.infer<typeof projectDraftSchema>;

export const projectFileSchema = z
  .object({
    format: z.literal(projectFormat),
    schemaVersion: z.number().int().positive(),
    exportedAt: z.string().max(40),
    appVersion: z.string().max(40).optional(),
    drafts: z.array(projectDraftSchema).min(1).max(projectLimits.maxDrafts),
  })
  .strict();
export type ProjectFile = z.infer<typeof projectFileSchema>;
