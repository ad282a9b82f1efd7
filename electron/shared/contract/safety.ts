/** Backups, project files and recovery (备份与项目文件). */
export const safetyContract = {} as const;
