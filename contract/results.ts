/** What a call comes back with: its outputs, or an error that says what to change. */

export type ToolErrorCode =
  | 'invalid_input'
  | 'unknown_tool'
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'validation_failed'
  | 'rate_limited'
  | 'server_error'
  | 'network_error'
  | 'timeout'
  | 'aborted'
  /** A write whose outcome is unknown (the answer was lost); it was not replayed. */
  | 'unknown_outcome'
  | 'job_failed'
  | 'job_timeout'
  | 'unexpected_response';

export interface ToolError {
  code: ToolErrorCode;
  message: string;
  /** The param to change, for invalid_input. */
  param?: string;
  /** HTTP status of Zendesk's answer. */
  status?: number;
  /** Zendesk's error body (422 field details, error codes), as it came. */
  details?: unknown;
  /** Seconds to wait before trying again (rate_limited). */
  retryAfter?: number;
}

/** The result of a call; `O` is the operation's documented outputs. */
export type ToolResult<O = Record<string, any>> =
  | { success: true; output: O; warnings?: string[] }
  | { success: false; error: ToolError; output?: Partial<O> & Record<string, any> };
