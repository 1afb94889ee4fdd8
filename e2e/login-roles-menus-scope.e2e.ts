// Every demo role logs in and sees only its own menu and its own scope, then logs out.
import { describe, expect, it } from 'vitest';
import { login, logout, openSession, shot, useBrowser } from './support';

const ROLES: { username: string; scope: string; menu: string[] }[] = [
  { username: 'county', scope: '中共宜君县委员会', menu: ['工作台', '两下两上', '问题台账', '组织生活', '三个清单', '督查问责', '小微权力', '党建项目', '三务公开', '考核评分', '软弱涣散整顿', '经费与报酬', '阵地与设施', '教育培训', '星级评定', '党员积分', '称号认定', '群众事项', '吹哨报到', '民情日记', '网格包保', '连心卡', '组织体系', '党员名册', '党小组', '干部台账', '后备干部', '发展党员', '干部选任', '第一书记', '批量导入'] },
  { username: 'wuli', scope: '五里镇', menu: ['工作台', '两下两上', '问题台账', '组织生活', '三个清单', '督查问责', '小微权力', '党建项目', '三务公开', '考核评分', '软弱涣散整顿', '经费与报酬', '阵地与设施', '教育培训', '星级评定', '党员积分', '称号认定', '群众事项', '吹哨报到', '民情日记', '网格包保', '连心卡', '组织体系', '党员名册', '党小组', '干部台账', '后备干部', '发展党员', '干部选任', '第一书记', '批量导入'] },
  { username: 'yushe.station', scope: '榆舍', menu: ['工作台', '两下两上', '问题台账', '组织生活', '三个清单', '督查问责', '小微权力', '党建项目', '三务公开', '考核评分', '软弱涣散整顿', '经费与报酬', '阵地与设施', '教育培训', '星级评定', '党员积分', '称号认定', '群众事项', '吹哨报到', '民情日记', '网格包保', '连心卡', '组织体系', '党员名册', '党小组', '干部台账', '后备干部', '发展党员', '干部选任'] },
  // a village does not run inspections; a department does not keep diaries, grids or contact cards
  { username: 'yushe', scope: '榆舍村', menu: ['工作台', '两下两上', '问题台账', '组织生活', '三个清单', '小微权力', '党建项目', '三务公开', '考核评分', '软弱涣散整顿', '经费与报酬', '阵地与设施', '教育培训', '星级评定', '党员积分', '称号认定', '群众事项', '吹哨报到', '民情日记', '网格包保', '连心卡', '组织体系', '党员名册', '党小组', '干部台账', '发展党员', '干部选任', '批量导入'] },
  { username: 'jiaotong', scope: '交通运输局', menu: ['工作台', '两下两上', '问题台账', '三个清单', '党建项目', '经费与报酬', '群众事项', '吹哨报到', '组织体系', '党员名册', '党小组', '发展党员'] },
  { username: 'auditor', scope: '宜君县', menu: ['工作台', '审计日志'] },
  { username: 'sysadmin', scope: '宜君县', menu: ['工作台', '组织体系', '账号管理'] },
  { username: 'secadmin', scope: '宜君县', menu: ['工作台', '组织体系', '账号管理'] },
  { username: 'auditadmin', scope: '宜君县', menu: ['工作台', '审计日志'] },
];

describe('log in as each demo role', () => {
  const browser = useBrowser();

  it('shows each role only its menu and its scope, and logs out', async () => {
    const s = await openSession(browser());
    for (const role of ROLES) {
      await login(s, role.username);
      await expect.poll(() => s.page.getByTestId('scope-org').first().textContent()).toContain(role.scope);
      const items = await s.page.getByTestId('side-menu').getByRole('menuitem').allTextContents();
      expect(items.map((t) => t.trim()), role.username).toEqual(role.menu);
      await expect.poll(() => s.page.getByTestId('home-page').isVisible()).toBe(true);
      if (['county', 'yushe', 'auditor', 'sysadmin'].includes(role.username)) await shot(s, `home-${role.username}`);
      // A page outside the role's menu answers "not allowed", not data.
      if (!role.menu.includes('审计日志')) {
        await s.page.goto('/audit');
        await s.page.getByText('无权访问').waitFor();
      }
      await logout(s);
      await s.page.getByTestId('login-reason').waitFor();
    }
    await s.close();
  });
});
