// 七步办理 as a Steps bar: 公示公开 → 群众接待 → 首问负责 → 办事承诺 → 信息反馈 → 情况报告 → 登记归档.
// From a detail (exact, from the timeline) or from a queue row (what the row tells).
import { Grid, Steps, Tooltip } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { RequestDetail, RequestSummary } from '@lianxin/contract';
import { useCitizensT, type CitizensKey } from '../citizens.messages';

const STEPS: CitizensKey[] = ['step.publish', 'step.receive', 'step.claim', 'step.promise', 'step.feedback', 'step.report', 'step.archive'];

const REPORT = 5;

export function stepsDone(r: RequestSummary | RequestDetail): boolean[] {
  const timeline = 'timeline' in r ? r.timeline : undefined;
  const ended = r.status === 'resolved' || r.status === 'archived';
  const feedback = timeline ? timeline.some((e) => e.public && e.kind !== 'open') : r.promisedDate !== null || ended;
  const reported = timeline ? timeline.some((e) => (e.text ?? '').startsWith('情况报告')) : false;
  return [true, true, r.owner !== null || ('firstOwner' in r && r.firstOwner !== null), r.promisedDate !== null, feedback, reported, r.status === 'archived'];
}

export function SevenSteps({ request, compact }: { request: RequestSummary | RequestDetail; compact?: boolean }) {
  const t = useCitizensT();
  const done = stepsDone(request);
  // 情况报告 is made when the matter needs the committee above: it is never "the step now"
  const current = done.findIndex((d, i) => !d && i !== REPORT);
  const isMobile = Grid.useBreakpoint().md === false;
  if (!compact && isMobile) {
    // seven columns fit a phone's width: a dot and the step's name under it
    return (
      <div className="lx-steps-phone" data-testid="seven-steps">
        {STEPS.map((k, i) => (
          <div key={k} className={done[i] ? 'done' : i === current ? 'now' : ''}>
            <span className="dot">{done[i] ? <CheckOutlined /> : i + 1}</span>
            <span className="name">{t(k)}</span>
          </div>
        ))}
      </div>
    );
  }
  if (compact) {
    return (
      <Tooltip title={STEPS.map((k, i) => `${done[i] ? '✓' : '○'} ${t(k)}`).join('　')}>
        <span className="lx-steps-mini" data-testid="steps-mini">
          {STEPS.map((k, i) => (
            <i key={k} className={done[i] ? 'done' : i === current ? 'now' : ''} />
          ))}
        </span>
      </Tooltip>
    );
  }
  return (
    <Steps
      size="small"
      className="lx-seven-steps"
      data-testid="seven-steps"
      current={current === -1 ? STEPS.length : current}
      items={STEPS.map((k, i) => ({ title: t(k), status: done[i] ? 'finish' : i === current ? 'process' : 'wait' }))}
    />
  );
}
