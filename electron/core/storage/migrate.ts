import type Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import { latestSchemaVersion, migrations } from './migrations';

/**
 * Brings a database to the latest schema. Each migration runs in its own transaction together with the
 * user_version bump, so a crash mid-way leaves the file at the previous version, never in between.
 */
export function migrate(db: Database.Database, target = latestSchemaVersion): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestSchemaVersion) throw newerVersionError(current);
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/** A store written by a newer app is never opened (and never "repaired"): downgrading it could lose data. */
export function newerVersionError(current: number): UserError {
  return new UserError(
    'store.newerVersion',
    `数据文件由更新版本的软件创建（数据版本 ${current}，本软件支持到 ${latestSchemaVersion}），为避免损坏数据，已拒绝打开。请安装最新版本。`,
    `database user_version ${current} > supported ${latestSchemaVersion}`,
  );
}
