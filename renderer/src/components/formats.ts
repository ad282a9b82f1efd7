/** One way to write a moment everywhere (home, history, backups): 2025-03-18 09:35. */
export const dateTimeFormat = 'YYYY-MM-DD HH:mm';
