// The pager under a paged list ({items, total, page, pageSize}): hidden when everything fits on one
// page; compact, so it fits under a list on a phone as under a table on the desktop.
import { Pagination } from 'antd';

export function ListPager({ page, pageSize, total, onChange, testId }: { page: number; pageSize: number; total: number | undefined; onChange: (page: number) => void; testId?: string }) {
  if (!total || total <= pageSize) return null;
  return (
    <div style={{ display: 'flex', justifyContent: 'center', marginTop: 12 }} data-testid={testId}>
      <Pagination simple current={page} pageSize={pageSize} total={total} onChange={onChange} showSizeChanger={false} />
    </div>
  );
}
