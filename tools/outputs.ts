/** Output-tree helpers and the trees several operations share (ticket, user, organization, job...). */
import type { OutputMap, OutputNode } from './types';

export const out = {
  string: (description: string, extra: Partial<OutputNode> = {}): OutputNode => ({ type: 'string', description, ...extra }),
  number: (description: string, extra: Partial<OutputNode> = {}): OutputNode => ({ type: 'number', description, ...extra }),
  boolean: (description: string, extra: Partial<OutputNode> = {}): OutputNode => ({ type: 'boolean', description, ...extra }),
  json: (description: string, extra: Partial<OutputNode> = {}): OutputNode => ({ type: 'json', description, ...extra }),
  object: (description: string, properties: OutputMap, extra: Partial<OutputNode> = {}): OutputNode => ({
    type: 'object',
    description,
    properties,
    ...extra,
  }),
  array: (description: string, items: OutputNode, extra: Partial<OutputNode> = {}): OutputNode => ({
    type: 'array',
    description,
    items,
    ...extra,
  }),
};

/** The same shared tree under another description (a ticket in a list reads differently). */
export const describedAs = (node: OutputNode, description: string): OutputNode => ({ ...node, description });

const numberList = (description: string) => out.array(description, out.number('Id'));
const stringList = (description: string) => out.array(description, out.string('Value'));
const party = (description: string) =>
  out.object(description, { address: out.string('Address'), name: out.string('Name') });

export const ticketOutput = out.object(
  'The ticket',
  {
    id: out.number('Ticket id'),
    url: out.string('API URL of the ticket'),
    external_id: out.string('Id of the ticket in another system'),
    via: out.object('How the ticket was created', {
      channel: out.string('Channel, e.g. web, email, api'),
      source: out.object('Where it came from', {
        from: party('Sender'),
        to: party('Recipient'),
        rel: out.string('Relation, e.g. follow_up'),
      }),
    }),
    created_at: out.string('When it was created (ISO 8601)'),
    updated_at: out.string('When it was last updated (ISO 8601)'),
    type: out.string('Type: problem, incident, question or task'),
    subject: out.string('Subject'),
    raw_subject: out.string('Subject before placeholders are rendered'),
    description: out.string('First comment of the ticket'),
    priority: out.string('Priority: low, normal, high or urgent'),
    status: out.string('Status: new, open, pending, hold, solved or closed'),
    recipient: out.string('Original recipient email address'),
    requester_id: out.number('Id of the requester'),
    submitter_id: out.number('Id of the submitter'),
    assignee_id: out.number('Id of the assigned agent'),
    organization_id: out.number('Id of the organization'),
    group_id: out.number('Id of the assigned group'),
    collaborator_ids: numberList('Ids of the collaborators'),
    follower_ids: numberList('Ids of the followers'),
    email_cc_ids: numberList('Ids of the users copied by email'),
    forum_topic_id: out.number('Id of the forum topic it came from'),
    problem_id: out.number('Id of the problem this incident is linked to'),
    has_incidents: out.boolean('Whether incidents are linked to this problem'),
    is_public: out.boolean('Whether the first comment is public'),
    due_at: out.string('Due date of a task (ISO 8601)'),
    tags: stringList('Tags'),
    custom_fields: out.array(
      'Custom field values',
      // Zendesk sends text, a number, true/false or a list of tags, by field type.
      out.object('A custom field value', { id: out.number('Field id'), value: out.json('Value: text, number, true/false or a list, by field type') }),
    ),
    custom_status_id: out.number('Id of the custom status'),
    satisfaction_rating: out.object('Satisfaction rating', {
      id: out.number('Rating id'),
      score: out.string('Score, e.g. good or bad'),
      comment: out.string('Comment of the rating'),
    }),
    sharing_agreement_ids: numberList('Ids of the sharing agreements'),
    followup_ids: numberList('Ids of follow-up tickets'),
    brand_id: out.number('Id of the brand'),
    allow_attachments: out.boolean('Whether attachments are allowed on comments'),
    allow_channelback: out.boolean('Whether channelback is enabled'),
    from_messaging_channel: out.boolean('Whether it came from a messaging channel'),
    ticket_form_id: out.number('Id of the ticket form'),
    generated_timestamp: out.number('Last change, as a Unix timestamp'),
  },
  { ref: 'Ticket' },
);

export const userOutput = out.object(
  'The user',
  {
    id: out.number('User id'),
    url: out.string('API URL of the user'),
    name: out.string('Name'),
    email: out.string('Primary email address'),
    created_at: out.string('When it was created (ISO 8601)'),
    updated_at: out.string('When it was last updated (ISO 8601)'),
    time_zone: out.string('Time zone'),
    iana_time_zone: out.string('IANA time zone'),
    phone: out.string('Phone number'),
    shared_phone_number: out.boolean('Whether the phone number is shared'),
    photo: out.object('Profile photo', {
      content_url: out.string('URL of the photo'),
      file_name: out.string('File name'),
      size: out.number('Size in bytes'),
    }),
    locale: out.string('Locale, e.g. en-US'),
    locale_id: out.number('Locale id'),
    organization_id: out.number('Id of the default organization'),
    role: out.string('Role: end-user, agent or admin'),
    role_type: out.number('Role type of a custom role'),
    custom_role_id: out.number('Id of the custom role'),
    active: out.boolean('False once the user is deleted'),
    verified: out.boolean('Whether an identity is verified'),
    alias: out.string('Alias shown to end users'),
    details: out.string('Details about the user'),
    notes: out.string('Notes about the user'),
    signature: out.string('Agent signature'),
    default_group_id: out.number('Id of the default group'),
    tags: stringList('Tags'),
    external_id: out.string('Id of the user in another system'),
    restricted_agent: out.boolean('Whether the agent is restricted'),
    suspended: out.boolean('Whether the user is suspended'),
    moderator: out.boolean('Whether the user is a forum moderator'),
    chat_only: out.boolean('Whether the agent is chat only'),
    only_private_comments: out.boolean('Whether the user can only make private comments'),
    two_factor_auth_enabled: out.boolean('Whether two-factor authentication is on'),
    last_login_at: out.string('Last sign-in (ISO 8601)'),
    ticket_restriction: out.string('Which tickets the user may see'),
    user_fields: out.json('Custom user field values, keyed by field key'),
    shared: out.boolean('Whether the user is shared from another account'),
    shared_agent: out.boolean('Whether the agent is shared from another account'),
    remote_photo_url: out.string('URL of a remote photo'),
  },
  { ref: 'User' },
);

export const organizationOutput = out.object(
  'The organization',
  {
    id: out.number('Organization id'),
    url: out.string('API URL of the organization'),
    name: out.string('Name'),
    domain_names: stringList('Email domains'),
    details: out.string('Details'),
    notes: out.string('Notes'),
    group_id: out.number('Id of the group new tickets are assigned to'),
    shared_tickets: out.boolean('Whether members see each other\'s tickets'),
    shared_comments: out.boolean('Whether members can comment on each other\'s tickets'),
    tags: stringList('Tags'),
    organization_fields: out.json('Custom organization field values, keyed by field key'),
    created_at: out.string('When it was created (ISO 8601)'),
    updated_at: out.string('When it was last updated (ISO 8601)'),
    external_id: out.string('Id of the organization in another system'),
  },
  { ref: 'Organization' },
);

export const jobStatusOutput = out.object(
  'The background job',
  {
    id: out.string('Job id'),
    url: out.string('API URL of the job status'),
    status: out.string('queued, working, completed, failed or killed'),
    job_type: out.string('Kind of job'),
    total: out.number('Number of items'),
    progress: out.number('Number of items processed'),
    message: out.string('Message from Zendesk'),
    results: out.array(
      'One entry per processed item',
      out.object('Outcome for one item', {
        id: out.number('Id of the record'),
        index: out.number('Position of the item in the input'),
        action: out.string('What was done, e.g. update'),
        success: out.boolean('Whether this item succeeded'),
        status: out.string('Outcome, e.g. Updated'),
        error: out.string('Why this item failed'),
      }),
    ),
  },
  { ref: 'JobStatus' },
);

export const pagingOutput = out.object(
  'Where the next page starts',
  {
    after_cursor: out.string('Cursor to pass as pageAfter for the next page (null on offset-paged results)'),
    has_more: out.boolean('Whether more results follow'),
    next_page: out.string('URL of the next page'),
  },
  { ref: 'Paging' },
);

export const metadataOutput = out.object(
  'About this page',
  {
    total_returned: out.number('Number of results on this page'),
    has_more: out.boolean('Whether more results follow'),
  },
  { ref: 'Metadata' },
);

/** The outputs of a one-page list: the items, paging and metadata. */
export const listOutputs = (itemsKey: string, item: OutputNode, description: string): OutputMap => ({
  [itemsKey]: out.array(description, item),
  paging: pagingOutput,
  metadata: metadataOutput,
});

/** The outputs of an operation that queues a background job. */
export const jobOutputs: OutputMap = {
  job_status: jobStatusOutput,
  job_id: out.string('Id of the background job'),
};

/**
 * The outputs of a batched operation (one plain request per 100 ids): every id by outcome, and every
 * request. `done` says what success means for an id ("signed out").
 */
export const batchedOutputs = (done: string): OutputMap => ({
  succeeded_ids: out.array(`Ids ${done}: their request succeeded`, out.number('Id')),
  failed_ids: out.array(`Ids not ${done}: Zendesk refused their request, or it was not sent, so nothing was applied to them`, out.number('Id')),
  unknown_ids: out.array(`Ids whose request got no usable answer: they may or may not be ${done}`, out.number('Id')),
  requests: out.array(
    'One entry per request of the call (100 ids each), in order',
    out.object('One request', {
      ids: out.array('The ids it carried', out.number('Id')),
      outcome: out.string('succeeded, failed (nothing applied) or unknown_outcome (may have been applied)'),
      status: out.number("HTTP status of Zendesk's answer, when there was one"),
      error: out.string('Why it did not succeed: an error code and message'),
    }),
  ),
});
