import { Spin } from 'antd';

export function Loading() {
  return (
    <div className="lx-boot" role="status" data-testid="loading">
      <Spin size="large" />
    </div>
  );
}
