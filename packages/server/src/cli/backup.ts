// 备份与恢复（内置数据库）:
//   npm run backup                 dumps DATA_DIR into LIANXIN_BACKUP_DIR (the server must be stopped:
//                                  the folder lock refuses a second process; a running server
//                                  dumps on its own schedule)
//   npm run restore -- <file>      creates DATA_DIR from a dump (DATA_DIR must be empty or absent)
import fs from 'node:fs';
import { readConfig } from '../config.js';
import { backupPglite, listBackups, restorePglite } from '../db/backup.js';
import { openPglite } from '../db/db.js';

async function main() {
  const config = readConfig();
  if (config.databaseUrl) {
    console.error('DATABASE_URL 已设置：PostgreSQL 请用 pg_dump / pg_restore 备份和恢复。');
    process.exit(2);
  }
  const [command, file] = process.argv.slice(2);
  if (command === 'restore') {
    if (!file) {
      console.error('用法：npm run restore -- <备份文件>');
      const existing = listBackups(config.backup.dir);
      if (existing.length) console.error(`现有备份（${config.backup.dir}）：\n  ${existing.join('\n  ')}`);
      process.exit(2);
    }
    await restorePglite(file, config.dataDir);
    console.log(`已从 ${file} 恢复到 ${config.dataDir}。数据加密密钥（${config.keyFile} 或 LIANXIN_DATA_KEY）须与备份时相同。`);
    return;
  }
  if (command && command !== 'backup') {
    console.error(`未知命令：${command}（backup 或 restore）`);
    process.exit(2);
  }
  if (!fs.existsSync(config.dataDir)) {
    console.error(`数据目录不存在：${config.dataDir}`);
    process.exit(2);
  }
  const db = await openPglite({ dataDir: config.dataDir });
  try {
    const out = await backupPglite(db, config.backup);
    console.log(`已备份：${out}（保留最近 ${config.backup.keep} 份）`);
  } finally {
    await db.close();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
