/**
 * The error codes `iranpak_slack_api_errors_total` may carry. Slack's error string comes from the
 * wire and a proxy or a changed API can send any string: each would start a series of its own
 * that lives until restart. Codes outside this one table count as `other`, so the series stay
 * bounded whatever comes back.
 */

/**
 * Slack's documented Web API errors (the common ones and those of the methods the bot calls:
 * chat.postMessage, chat.postEphemeral, chat.update, views.publish, users.info), response_url's,
 * and the fetcher's own (`timeout`, `request_failed`, `unknown_error` for an `ok:false` without
 * a code).
 */
const KNOWN_CODES: ReadonlySet<string> = new Set([
  // Every method
  "access_denied",
  "accesslimited",
  "account_inactive",
  "deprecated_endpoint",
  "ekm_access_denied",
  "enterprise_is_restricted",
  "fatal_error",
  "internal_error",
  "invalid_arg_name",
  "invalid_arguments",
  "invalid_array_arg",
  "invalid_auth",
  "invalid_charset",
  "invalid_form_data",
  "invalid_json",
  "invalid_post_type",
  "json_not_object",
  "method_deprecated",
  "missing_post_type",
  "missing_scope",
  "no_permission",
  "not_allowed_token_type",
  "not_authed",
  "org_login_required",
  "ratelimited",
  "request_timeout",
  "service_unavailable",
  "team_access_not_granted",
  "team_added_to_org",
  "token_expired",
  "token_revoked",
  "two_factor_setup_required",
  "upgrade_required",
  // chat.postMessage, chat.postEphemeral, chat.update
  "as_user_not_supported",
  "attachment_payload_limit_exceeded",
  "cant_update_message",
  "cannot_reply_to_message",
  "channel_not_found",
  "edit_window_closed",
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "is_archived",
  "message_limit_exceeded",
  "message_not_found",
  "messages_tab_disabled",
  "metadata_too_large",
  "msg_too_long",
  "no_text",
  "not_in_channel",
  "rate_limited",
  "restricted_action",
  "restricted_action_non_threadable_channel",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "too_many_attachments",
  "user_not_in_channel",
  // views.publish
  "duplicate_external_id",
  "hash_conflict",
  "not_found",
  "view_too_large",
  // users.info
  "user_not_found",
  "user_not_visible",
  // response_url
  "expired_url",
  "used_url",
  // the fetcher's own
  "request_failed",
  "timeout",
  "unknown_error",
]);

/** The HTTP statuses Slack and response_url answer with; any other status counts as `other`. */
const KNOWN_STATUSES: ReadonlySet<string> = new Set([
  "400",
  "401",
  "403",
  "404",
  "408",
  "410",
  "413",
  "429",
  "500",
  "502",
  "503",
  "504",
]);

/** `code` when it is in the table (`http_<status>` for the known statuses), else `other`. */
export function foldErrorCode(code: string): string {
  if (KNOWN_CODES.has(code)) return code;
  const status = code.match(/^http_(\d{3})$/)?.[1];
  if (status !== undefined && KNOWN_STATUSES.has(status)) return code;
  return "other";
}
