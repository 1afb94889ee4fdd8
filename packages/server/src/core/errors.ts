// One error type with a stable code, an HTTP status and a message in zh-CN (English on request).

const ERRORS = {
  bad_request: { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  validation_failed: { status: 400, zh: '提交的内容不符合要求', en: 'The input is invalid' },
  invalid_json: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The body is not valid JSON' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please sign in' },
  session_expired: { status: 401, zh: '登录已超时，请重新登录', en: 'Your session has expired; please sign in again' },
  login_failed: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: { status: 423, zh: '登录失败次数过多，账号已临时锁定', en: 'Too many failed sign-ins; the account is temporarily locked' },
  otp_required: { status: 401, zh: '请输入动态验证码', en: 'Enter the code from your authenticator app' },
  otp_invalid: { status: 401, zh: '动态验证码不正确或已使用过，请输入验证器上的最新验证码', en: 'The code is wrong or was already used; enter the current one' },
  totp_enrollment_required: { status: 403, zh: '管理员须先绑定动态验证码（双因素认证）', en: 'Administrators must set up a second factor first' },
  password_change_required: { status: 403, zh: '首次登录或密码被重置后，须先修改密码', en: 'Change your password before continuing' },
  account_disabled: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  forbidden: { status: 403, zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  csrf_failed: { status: 403, zh: '请求来源校验失败，请刷新页面后重试', en: 'Request origin check failed; reload the page and retry' },
  not_found: { status: 404, zh: '记录不存在或不在您的管辖范围内', en: 'Not found' },
  route_not_found: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  conflict: { status: 409, zh: '与已有记录冲突', en: 'Conflicts with an existing record' },
  // dispatch engine (core/dispatch/engine.ts): refusals of its kinds, so that clients can branch
  dispatch_closed: { status: 409, zh: '该任务已截止，不再接收上报', en: 'The directive is closed to reports' },
  whistle_already_reported: { status: 409, zh: '已经报到过了', en: 'Already reported in' },
  whistle_not_reported: { status: 409, zh: '请先报到', en: 'Report in first' },
  whistle_not_claimed: { status: 409, zh: '认领后才能办理', en: 'Claim the part first' },
  whistle_already_claimed: { status: 409, zh: '认领后不能退回', en: 'A claimed part cannot be declined' },
  whistle_not_declined: { status: 409, zh: '只有被退回的部分可以改派', en: 'Only a declined part is re-routed' },
  whistle_part_closed: { status: 409, zh: '已退回或已改派的部分不能移交公检法', en: 'A declined or re-routed part cannot be handed over' },
  // citizens: a request is rated once (an unsatisfied rating reopens it and is rated afresh)
  request_already_rated: { status: 409, zh: '已经评价过了', en: 'Already rated' },
  version_conflict: { status: 412, zh: '记录已被他人修改，请刷新后再试', en: 'The record was changed by someone else; reload and retry' },
  payload_too_large: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  unsupported_media_type: { status: 415, zh: '不支持的文件或内容类型', en: 'Unsupported file or content type' },
  unprocessable: { status: 422, zh: '无法处理该请求', en: 'The request cannot be processed' },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  internal: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error' },
  unavailable: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  pdf_font_missing: { status: 503, zh: '服务器没有可用的中文字体，暂不能生成 PDF：请先下载 .xlsx，或请管理员安装 fonts-noto-cjk（或用 LIANXIN_PDF_FONT 指定字体文件）', en: 'No CJK font on the server: PDF is unavailable (download the .xlsx, or install fonts-noto-cjk / set LIANXIN_PDF_FONT)' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export type Lang = 'zh' | 'en';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  readonly messages: { zh: string; en: string };

  /**
   * @param message a specific message for this case ({zh, en}, or one zh string);
   *                the code's generic message otherwise.
   */
  constructor(code: ErrorCode, message?: string | { zh: string; en: string }, details?: unknown) {
    const generic = ERRORS[code];
    const messages =
      typeof message === 'string' ? { zh: message, en: message } : (message ?? { zh: generic.zh, en: generic.en });
    super(messages.en);
    this.name = 'AppError';
    this.code = code;
    this.status = generic.status;
    this.details = details;
    this.messages = messages;
  }

}

export function statusOf(code: ErrorCode): number {
  return ERRORS[code].status;
}

export function genericMessage(code: ErrorCode, lang: Lang): string {
  return ERRORS[code][lang];
}

/** A field-level validation error, named so the web can show it at the field. */
export type FieldError = {
  /** The field as the client sent it: `title`, `form.0.key` (a dotted path into the body or query). */
  field: string;
  zh: string;
  en: string;
  /** Where the field was sent, when a schema refused it: the body, the query string or the path. */
  in?: 'body' | 'query' | 'path';
};

export function validationError(fields: FieldError[]): AppError {
  const first = fields[0];
  return new AppError(
    'validation_failed',
    first ? { zh: first.zh, en: first.en } : undefined,
    { fields },
  );
}

export function fieldError(field: string, zh: string, en: string): AppError {
  return validationError([{ field, zh, en }]);
}

/** Renders details for one language: field errors carry both and answer one. */
export function detailsIn(details: unknown, lang: Lang): unknown {
  if (details && typeof details === 'object' && 'fields' in details) {
    const fields = (details as { fields: FieldError[] }).fields;
    return { ...details, fields: fields.map((f) => ({ field: f.field, ...(f.in ? { in: f.in } : {}), message: f[lang] })) };
  }
  return details;
}

export const notFound = () => new AppError('not_found');
export const versionConflict = () => new AppError('version_conflict');

export function langOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
