// 考核结果 of one subject (a first secretary's term, a project's 年交账): the year's score and grade,
// each published sheet to open. Shown on the first secretary's page and the project's page.
import { Link } from 'react-router';
import { Card, List, Space, Tag, Typography } from 'antd';
import type { SubjectResult } from '@lianxin/contract';

const GRADE_COLOR: Record<SubjectResult['grade'], string> = { excellent: 'green', good: 'blue', fair: 'orange', poor: 'red' };

export function SubjectResults({ title, results, empty, testId }: { title: string; results: SubjectResult[]; empty: string; testId: string }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid={testId}>
      <List
        size="small"
        dataSource={results}
        locale={{ emptyText: empty }}
        renderItem={(r) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{r.year} 年</Typography.Text>
                <span data-testid={`${testId}-score`}>{r.score} 分</span>
                <Tag color={GRADE_COLOR[r.grade]}>{r.gradeLabel}</Tag>
              </Space>
              <div>
                {r.sheets.map((s) => (
                  <div key={s.id} style={{ fontSize: 13 }}>
                    <Link to={`/assessment/sheets/${s.id}`}>{s.schemeName} · {s.period}</Link> <span className="lx-muted">{s.score} 分{s.status === 'published' ? '（申诉期内）' : s.status === 'appealed' ? '（申诉中）' : ''}</span>
                  </div>
                ))}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
