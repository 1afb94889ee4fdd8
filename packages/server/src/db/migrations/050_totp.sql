-- 双因素认证: administrators sign in with a password and a TOTP code. The secret is encrypted with
-- the data key like ID numbers; a pending secret waits for its first code during enrollment;
-- the last used time step makes each code work once.
ALTER TABLE accounts
  ADD COLUMN totp_secret_enc  text,
  ADD COLUMN totp_pending_enc text,
  ADD COLUMN totp_enabled_at  timestamptz,
  ADD COLUMN totp_last_step   bigint;
