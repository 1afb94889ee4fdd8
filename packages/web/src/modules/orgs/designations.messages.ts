// The words of the station designations and their list (工作站称号), zh-CN first and English second.
import { defineMessages } from '../../app/i18n';

const zh = {
  'des.title': '工作站称号',
  'des.none': '暂无称号',
  'des.add': '认定称号',
  'des.kind': '称号',
  'des.year': '年度',
  'des.date': '认定日期',
  'des.award': '奖励金额（元）',
  'des.awardShort': '奖励',
  'des.note': '备注',
  'des.save': '认定',
  'des.saved': '已认定：{name}',
  'des.remove': '撤销',
  'des.removeConfirm': '撤销该称号？此操作记入审计日志。',
  'des.removed': '称号已撤销',
  'des.required': '请选择{field}',
  'des.listTitle': '工作站称号名单',
  'des.allKinds': '全部称号',
  'des.allYears': '全部年度',
  'des.station': '工作站',
  'des.township': '乡镇（街道）',
  'des.empty': '没有符合条件的工作站',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  'des.title': 'Designations',
  'des.none': 'No designation',
  'des.add': 'Designate',
  'des.kind': 'Designation',
  'des.year': 'Year',
  'des.date': 'Date',
  'des.award': 'Award (yuan)',
  'des.awardShort': 'Award',
  'des.note': 'Note',
  'des.save': 'Designate',
  'des.saved': 'Designated: {name}',
  'des.remove': 'Withdraw',
  'des.removeConfirm': 'Withdraw this designation? It is recorded in the audit log.',
  'des.removed': 'Designation withdrawn',
  'des.required': 'Choose the {field}',
  'des.listTitle': 'Designated stations',
  'des.allKinds': 'All designations',
  'des.allYears': 'All years',
  'des.station': 'Station',
  'des.township': 'Township',
  'des.empty': 'No station matches',
};

export const useDesignationsT = defineMessages<Key>(zh, en);
