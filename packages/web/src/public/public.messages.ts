// The words of the public citizen pages, zh-CN first: a copy of the few keys they use from the
// citizens' and the ledger's dictionaries, so a citizen's phone does not download the whole app's.
// Keep in step with modules/citizens/citizens.messages.ts and modules/ledger/ledger.messages.ts.
import { useCallback, useState } from 'react';
import type { Rating, RequestCategory } from '@lianxin/contract';

// Values from the contract would bring its TypeBox schemas along (≈ 20 kB gz): the public pages
// import types only and keep these copies; the Record types make a new category a type error here.
type L = { zh: string; en: string };
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024; // MAX_PUBLIC_PHOTO_BYTES
export const CATEGORIES: Record<RequestCategory, L> = {
  errand: { zh: '代办事项', en: 'Errand' },
  consultation: { zh: '政策咨询', en: 'Consultation' },
  complaint: { zh: '投诉建议', en: 'Complaint or suggestion' },
  conflict: { zh: '矛盾纠纷', en: 'Dispute' },
  assistance: { zh: '困难帮扶', en: 'Assistance' },
  other: { zh: '其他', en: 'Other' },
};
export const RATING_WORDS: Record<Rating, L> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basic: { zh: '基本满意', en: 'Mostly satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

const zh = {
  'common.loading': '正在加载……',
  'common.retry': '重试',
  'common.required': '请填写{field}',
  'common.select': '请选择{field}',
  'req.phoneInvalid': '手机号应为11位数字（或带区号的固定电话）',
  'track.received': '已受理',
  'track.claimed': '有人负责',
  'track.promised': '承诺办结',
  'track.resolved': '已办结',
  'req.matter': '事项内容',
  'req.category': '类别',
  'req.rating': '群众评价',
  'pub.brand': '连心 · 群众办事',
  'pub.submitTitle': '我要反映 / 我要办事',
  'pub.jump': '本页内容',
  'pub.name': '您的姓名',
  'pub.phone': '手机号',
  'pub.phoneHelp': '用于查询进度，工作人员可能电话联系您',
  'pub.matter': '想办的事或反映的问题',
  'pub.matterPlaceholder': '请写清楚：什么事、在哪里、希望怎么解决',
  'pub.photo': '照片（可选）',
  'pub.photoHelp': '可以拍一张现场照片，只接收图片，5 MB 以内',
  'pub.challenge': '验证题',
  'pub.challengeHelp': '请算出结果，防止机器自动提交',
  'pub.submit': '提 交',
  'pub.services': '我们可以帮您办',
  'pub.sent': '提交成功',
  'pub.codeIs': '您的查询码',
  'pub.copy': '复制查询码',
  'pub.copied': '已复制',
  'pub.next': '接下来',
  'pub.next1': '请记下查询码（截图或复制保存）。',
  'pub.next2': '工作人员会在 24 小时内接办，有进展会在查询页面告诉您。',
  'pub.next3': '凭查询码和手机号随时查看进度，办结后请给我们评价。',
  'pub.trackNow': '查看进度',
  'pub.another': '再提交一件',
  'pub.trackTitle': '查询办理进度',
  'pub.code': '查询码',
  'pub.codePlaceholder': '例如 LXAB23CD45',
  'pub.lookup': '查 询',
  'pub.statusNow': '当前状态',
  'pub.unit': '受理单位',
  'pub.submittedAt': '提交时间',
  'pub.promised': '承诺办结日期',
  'pub.outcome': '办理结果',
  'pub.progress': '办理进展',
  'pub.rateTitle': '请您评价',
  'pub.rateComment': '还想说的话（可选）',
  'pub.rate': '提交评价',
  'pub.rated': '您的评价：{r}',
  'pub.thanks': '感谢您的评价！',
  'pub.reopened': '您不满意，事项已重新交办，我们会再联系您。',
  'pub.unitMissing': '没有找到这个单位，请确认二维码或链接是否正确。',
  'pub.goTrack': '已提交过？查询进度',
  'pub.goSubmit': '去反映问题',
  'pub.promise': '事事有回音、件件有落实',
  'pub.chooseUnit': '请通过单位的连心卡二维码进入，或从村（社区）公示栏的链接进入。',
  'closures.ledger.step.closed': '已销号',
  'closures.pub.title': '反馈公示',
  'closures.pub.subtitle': '问题整改销号情况公示',
  'closures.pub.county': '选择县（区）',
  'closures.pub.countyCount': '{n} 条公示',
  'closures.pub.none': '暂无公示内容',
  'closures.pub.summary': '整改结果',
  'closures.pub.opened': '登记',
  'closures.pub.closed': '销号',
  'closures.pub.published': '公示',
  'closures.pub.total': '共 {n} 条公示',
  'closures.pub.note': '本页公开已销号问题的整改结果，不含个人信息。如有意见，可向所在村（社区）党组织或党建工作站反映。',
  'closures.pub.login': '工作人员登录',
  'err.network': '网络不通，请检查网络后重试',
  'err.photoFailed': '事项已提交，但照片没有上传成功：{m}',
};
const en: Record<keyof typeof zh, string> = {
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.required': 'Please enter {field}',
  'common.select': 'Please choose {field}',
  'req.phoneInvalid': 'A phone number has 11 digits (or an area code and number)',
  'track.received': 'Received',
  'track.claimed': 'Someone on it',
  'track.promised': 'Date promised',
  'track.resolved': 'Done',
  'req.matter': 'Matter',
  'req.category': 'Category',
  'req.rating': 'Rating',
  'pub.brand': 'Lianxin · Citizen services',
  'pub.submitTitle': 'Raise a matter',
  'pub.jump': 'On this page',
  'pub.name': 'Your name',
  'pub.phone': 'Mobile phone',
  'pub.phoneHelp': 'Used to follow progress; staff may call you',
  'pub.matter': 'What you need or what is wrong',
  'pub.matterPlaceholder': 'What, where, and what you hope for',
  'pub.photo': 'Photo (optional)',
  'pub.photoHelp': 'A photo of the place; images only, up to 5 MB',
  'pub.challenge': 'Check',
  'pub.challengeHelp': 'Work out the answer (against automated abuse)',
  'pub.submit': 'Submit',
  'pub.services': 'What we can help with',
  'pub.sent': 'Submitted',
  'pub.codeIs': 'Your tracking code',
  'pub.copy': 'Copy the code',
  'pub.copied': 'Copied',
  'pub.next': 'What happens next',
  'pub.next1': 'Keep the tracking code (copy it or take a screenshot).',
  'pub.next2': 'Someone takes it on within 24 hours; progress shows on the tracking page.',
  'pub.next3': 'Follow it any time with the code and your phone, and rate the result when done.',
  'pub.trackNow': 'Follow progress',
  'pub.another': 'Submit another',
  'pub.trackTitle': 'Follow your request',
  'pub.code': 'Tracking code',
  'pub.codePlaceholder': 'e.g. LXAB23CD45',
  'pub.lookup': 'Look up',
  'pub.statusNow': 'Status',
  'pub.unit': 'Unit',
  'pub.submittedAt': 'Submitted',
  'pub.promised': 'Promised by',
  'pub.outcome': 'Outcome',
  'pub.progress': 'Progress',
  'pub.rateTitle': 'Please rate the result',
  'pub.rateComment': 'Anything else (optional)',
  'pub.rate': 'Send rating',
  'pub.rated': 'Your rating: {r}',
  'pub.thanks': 'Thank you for your rating!',
  'pub.reopened': 'You were not satisfied: the request is being handled again and we will contact you.',
  'pub.unitMissing': 'This unit was not found; check the QR code or the link.',
  'pub.goTrack': 'Already submitted? Follow progress',
  'pub.goSubmit': 'Raise a matter',
  'pub.promise': 'Every matter answered, every matter done',
  'pub.chooseUnit': 'Open this page from a unit’s contact-card QR code or the link on the village notice board.',
  'closures.ledger.step.closed': 'Closed',
  'closures.pub.title': 'Public closures',
  'closures.pub.subtitle': 'Rectified and closed problems',
  'closures.pub.county': 'Choose a county',
  'closures.pub.countyCount': '{n} published',
  'closures.pub.none': 'Nothing published yet',
  'closures.pub.summary': 'Result',
  'closures.pub.opened': 'Registered',
  'closures.pub.closed': 'Closed',
  'closures.pub.published': 'Published',
  'closures.pub.total': '{n} published',
  'closures.pub.note': 'Results of closed problems, without personal data. Comments go to your village Party branch or work station.',
  'closures.pub.login': 'Staff sign-in',
  'err.network': 'No connection; check the network and try again',
  'err.photoFailed': 'Your matter was submitted, but the photo was not uploaded: {m}',
};
export type PublicKey = keyof typeof zh;
export type Lang = 'zh' | 'en';

/** The same key the signed-in app keeps the language under. */
const STORAGE_KEY = 'lianxin.lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    /* private mode */
  }
  return 'zh';
}

let current: Lang = typeof window === 'undefined' ? 'zh' : initialLang();
export const currentLang = () => current;

export function usePublicT() {
  const [lang, setLangState] = useState<Lang>(current);
  const t = useCallback(
    (key: PublicKey, vars?: Record<string, string | number>) => {
      let text = (lang === 'zh' ? zh : en)[key] ?? key;
      if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
      return text;
    },
    [lang],
  );
  const setLang = (next: Lang) => {
    current = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode */
    }
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  };
  const label = (l: { zh: string; en: string }) => l[lang];
  return { t, lang, setLang, label };
}
