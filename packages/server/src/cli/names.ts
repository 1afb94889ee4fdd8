// Deterministic synthetic people: names, ID numbers and phones that look real and are not.
import { checkCharacter } from '../core/id-number.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same county every time. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN_MALE = '伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛';
const GIVEN_FEMALE = '秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';

export function personName(rnd: Random, gender: 'male' | 'female'): string {
  const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rnd.chance(0.7) ? rnd.pick([...pool]) + rnd.pick([...pool]) : rnd.pick([...pool]);
  return rnd.pick([...SURNAMES]) + given;
}

function pad(n: number, width: number) {
  return String(n).padStart(width, '0');
}

/** A valid 18-character ID number for a region code, birth date and gender. */
export function idNumber(region: string, birthDate: string, gender: 'male' | 'female', serial: number): string {
  const seq = (serial % 500) * 2 + (gender === 'male' ? 1 : 0); // odd 17th digit: male
  const first17 = `${region}${birthDate.replaceAll('-', '')}${pad(Math.floor(seq / 10) % 100, 2)}${seq % 10}`;
  return first17 + checkCharacter(first17);
}

export function birthDate(rnd: Random, minAge: number, maxAge: number, today = '2026-11-25'): string {
  const year = Number(today.slice(0, 4)) - rnd.int(minAge, maxAge);
  return `${year}-${pad(rnd.int(1, 12), 2)}-${pad(rnd.int(1, 28), 2)}`;
}

export function phone(rnd: Random): string {
  return `1${rnd.pick(['39', '58', '77', '80', '89', '99'])}${pad(rnd.int(0, 99_999_999), 8)}`;
}

export const EDUCATION_MIX = [
  ['primary', 0.12],
  ['junior', 0.3],
  ['senior', 0.22],
  ['vocational', 0.08],
  ['college', 0.14],
  ['bachelor', 0.12],
  ['master', 0.02],
] as const;

export function education(rnd: Random): string {
  let x = rnd.next();
  for (const [value, share] of EDUCATION_MIX) {
    if (x < share) return value;
    x -= share;
  }
  return 'junior';
}
