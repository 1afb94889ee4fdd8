// `npm run generate`: a deterministic synthetic province in PostgreSQL for load and scale tests —
// by default 100 counties, 1,000 townships, 3,000 stations, ~16,000 villages, ~2 million people.
// Set-based bulk SQL (INSERT … unnest), PII encrypted with the app's key. PostgreSQL only.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { loadDataKey } from '../core/pii.js';
import { checkPasswordPolicy, generatePassword } from '../core/password.js';
import { DEFAULT_OPTIONS, type GenerateOptions } from './generate/plan.js';
import { GenerateError, generateProvince } from './generate/run.js';

const HELP = `用法：DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianxin_bench npm run generate -- [选项]

生成一个确定性的合成省份（同样的参数得到同样的数据），只支持 PostgreSQL。
  --counties N                 县的数量（默认 ${DEFAULT_OPTIONS.counties}）
  --townships-per-county N     每县乡镇数（默认 ${DEFAULT_OPTIONS.townshipsPerCounty}，均实行工作站全覆盖）
  --stations-per-township N    每乡镇工作站数（默认 ${DEFAULT_OPTIONS.stationsPerTownship}）
  --villages-per-station A-B   每站村数范围（默认 ${DEFAULT_OPTIONS.villagesPerStation.join('-')}，偏向下限，平均约 5.4）
  --members-per-village N      每村平均人数（默认 ${DEFAULT_OPTIONS.membersPerVillage}，±30%，其中 3 名非党员）
  --party-groups-per-village N 每村党小组数（默认 ${DEFAULT_OPTIONS.partyGroupsPerVillage}）
  --departments-per-county N   每县职能部门数（默认 ${DEFAULT_OPTIONS.departmentsPerCounty}）
  --problems-per-village N     每村问题台账条数（默认 ${DEFAULT_OPTIONS.problemsPerVillage}，约 100 万条，含完整办理记录；0 为不生成）
  --requests-per-village N     每村群众事项条数（默认 ${DEFAULT_OPTIONS.requestsPerVillage}，约 200 万条，含完整办理记录；0 为不生成）
  --seed N                     随机种子（默认 ${DEFAULT_OPTIONS.seed}）
  --today YYYY-MM-DD           年龄、入党日期的参照日（默认 ${DEFAULT_OPTIONS.today}）
  --batch-size N               每条 INSERT 的行数（默认 ${DEFAULT_OPTIONS.batchSize}）
  --workers N                  生成人员的工作线程数（默认 ${DEFAULT_OPTIONS.workers}；0 为主线程）
  --keep-indexes               导入期间保留 persons、posts 的二级索引和外键（默认先删后建）
  --bench-county N             压测账号所属的县（第 N 个，默认居中的县）
  --reset                      先删除并重建 DATABASE_URL 所指数据库的 public 模式（会清空该库！）

压测账号：bench.county、bench.township、bench.station、bench.village、bench.department、
bench.auditor、bench.sysadmin、bench.secadmin、bench.auditadmin；
密码取自 LIANXIN_DEMO_PASSWORD，未设置时随机生成并打印一次。
个人信息用 LIANXIN_DATA_KEY 或密钥文件（LIANXIN_KEY_FILE，默认 ./data.key）加密，与服务端相同。`;

function parseOptions(argv: string[]): { options: GenerateOptions; reset: boolean } | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      counties: { type: 'string' },
      'townships-per-county': { type: 'string' },
      'stations-per-township': { type: 'string' },
      'villages-per-station': { type: 'string' },
      'members-per-village': { type: 'string' },
      'party-groups-per-village': { type: 'string' },
      'departments-per-county': { type: 'string' },
      'problems-per-village': { type: 'string' },
      'requests-per-village': { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      'batch-size': { type: 'string' },
      workers: { type: 'string' },
      'keep-indexes': { type: 'boolean' },
      'bench-county': { type: 'string' },
      reset: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
  const range = (v: string | undefined): [number, number] => {
    if (v === undefined) return DEFAULT_OPTIONS.villagesPerStation;
    const [a, b = a] = v.split('-');
    return [Number(a), Number(b)];
  };
  return {
    reset: values.reset ?? false,
    options: {
      counties: num(values.counties, DEFAULT_OPTIONS.counties),
      townshipsPerCounty: num(values['townships-per-county'], DEFAULT_OPTIONS.townshipsPerCounty),
      stationsPerTownship: num(values['stations-per-township'], DEFAULT_OPTIONS.stationsPerTownship),
      villagesPerStation: range(values['villages-per-station']),
      membersPerVillage: num(values['members-per-village'], DEFAULT_OPTIONS.membersPerVillage),
      partyGroupsPerVillage: num(values['party-groups-per-village'], DEFAULT_OPTIONS.partyGroupsPerVillage),
      departmentsPerCounty: num(values['departments-per-county'], DEFAULT_OPTIONS.departmentsPerCounty),
      seed: num(values.seed, DEFAULT_OPTIONS.seed),
      today: values.today ?? DEFAULT_OPTIONS.today,
      batchSize: num(values['batch-size'], DEFAULT_OPTIONS.batchSize),
      workers: num(values.workers, DEFAULT_OPTIONS.workers),
      keepIndexes: values['keep-indexes'] ?? false,
      benchCounty: num(values['bench-county'], DEFAULT_OPTIONS.benchCounty),
      provinceCode: DEFAULT_OPTIONS.provinceCode,
      problemsPerVillage: num(values['problems-per-village'], DEFAULT_OPTIONS.problemsPerVillage),
      requestsPerVillage: num(values['requests-per-village'], DEFAULT_OPTIONS.requestsPerVillage),
    },
  };
}

async function main() {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`参数有误：${(err as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (!parsed) {
    console.log(HELP);
    return;
  }
  const config = readConfig();
  if (!config.databaseUrl) {
    console.error(
      '合成数据生成只支持 PostgreSQL，当前未设置 DATABASE_URL（内置的 PGlite 只有一个连接、不适合百万级数据）。\n' +
        '请指定一个专用数据库，例如：\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianxin_bench npm run generate -- --reset',
    );
    process.exit(2);
  }
  const password = config.demoPassword ?? generatePassword();
  const problem = checkPasswordPolicy(password);
  if (problem) {
    console.error(`LIANXIN_DEMO_PASSWORD 不符合密码策略：${problem.zh}`);
    process.exit(2);
  }
  const { key, created } = loadDataKey(config.dataKey, config.keyFile);
  if (created) console.log(`已生成数据加密密钥：${config.keyFile}（服务端与压测须使用同一密钥）`);
  try {
    const result = await generateProvince({
      databaseUrl: config.databaseUrl,
      options: parsed.options,
      reset: parsed.reset,
      dataKey: key,
      benchPassword: password,
      log: (line) => console.log(line),
    });
    const s = result.seconds;
    console.log(
      `完成：${result.orgs.toLocaleString('en-US')} 个组织，${result.persons.toLocaleString('en-US')} 名人员（党员 ${result.members.toLocaleString('en-US')}），` +
        `${result.posts.toLocaleString('en-US')} 个岗位，${result.reserveCadres.toLocaleString('en-US')} 名后备干部；` +
        `问题台账 ${result.problems.toLocaleString('en-US')} 条、群众事项 ${result.requests.toLocaleString('en-US')} 条、办理记录 ${result.caseEvents.toLocaleString('en-US')} 条。`,
    );
    console.log(
      `用时 ${s.total.toFixed(1)} 秒（组织 ${s.orgs.toFixed(1)}，人员 ${s.people.toFixed(1)}，其中生成人员 CPU ${s.buildPeopleCpu.toFixed(1)}、等待生成 ${s.waitPeople.toFixed(1)}、等待数据库 ${s.waitDb.toFixed(1)}、INSERT ${s.insert.toFixed(1)}，` +
        `重建索引 ${s.indexes.toFixed(1)}，事项 ${s.cases.toFixed(1)}（生成 CPU ${s.buildCasesCpu.toFixed(1)}，重建索引 ${s.caseIndexes.toFixed(1)}），VACUUM ANALYZE ${s.analyze.toFixed(1)}）`,
    );
    const target = 50_000;
    console.log(
      `写入速率：${result.personsPerSecond.toLocaleString('en-US')} 人/秒（从第一条人员记录到人员索引重建完成）；` +
        `全程 ${result.overallPersonsPerSecond.toLocaleString('en-US')} 人/秒。目标 ≥ ${target.toLocaleString('en-US')}：${result.personsPerSecond >= target ? 'PASS' : 'FAIL'}`,
    );
    console.log(`压测账号（管辖第 ${result.options.benchCounty || Math.ceil(result.counties / 2)} 个县，id ${result.benchCountyId}）：${result.benchAccounts.map((a) => a.username).join('、')}`);
    console.log(config.demoPassword ? '压测账号密码取自 LIANXIN_DEMO_PASSWORD。' : `压测账号密码：${password}　（仅显示这一次；压测时请设置 LIANXIN_DEMO_PASSWORD）`);
    // the figure the benchmark prints beside its own
    const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bench/results');
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'generate.json'), JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2) + '\n');
  } catch (err) {
    if (err instanceof GenerateError) console.error(err.message);
    else console.error(`生成失败：${(err as Error).message}`);
    process.exit(1);
  }
}

await main();
