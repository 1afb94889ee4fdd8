import { defineMessages } from '../../app/i18n';

export const useHomeT = defineMessages(
  {
    'todo.title': '我的待办',
    'todo.asOf': '截至 {date}',
    'todo.none': '暂无待办事项',
    'todo.urgent': '需尽快处理',
  },
  {
    'todo.title': 'Waiting for us',
    'todo.asOf': 'as of {date}',
    'todo.none': 'Nothing is waiting',
    'todo.urgent': 'Needs attention',
  },
);
