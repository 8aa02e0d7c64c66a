import { defineResource } from '../define';
import { out } from '../outputs';
import { param } from '../param';

export const identityOutput = out.object(
  'The identity',
  {
    id: out.number('Identity id'),
    url: out.string('API URL of the identity'),
    user_id: out.number('Id of the user it belongs to'),
    type: out.string('Type: email, phone_number, twitter, facebook, google, agent_forwarding, any_channel, foreign, sdk or messaging'),
    value: out.string('The identifier itself: an email address, a phone number, a screen name...'),
    verified: out.boolean('Whether it is verified'),
    primary: out.boolean("Whether it is the primary identity of its type (the primary email is the user's email)"),
    verification_method: out.string('How it was verified: none, low, sso, embed or full'),
    deliverable_state: out.string('Email identities: whether Zendesk sends email to the address, e.g. deliverable'),
    undeliverable_count: out.number('Soft bounces received at the address'),
    created_at: out.string('When it was added (ISO 8601)'),
    updated_at: out.string('When it was last changed (ISO 8601)'),
  },
  { ref: 'UserIdentity' },
);

export const userIdentities = defineResource({ id: 'user_identities', title: 'User identities', singular: 'user identity', record: identityOutput });

/** Identity types a listing can be narrowed to. */
export const IDENTITY_TYPES = ['email', 'phone_number', 'twitter', 'facebook', 'google', 'agent_forwarding', 'sdk', 'messaging'] as const;

/** Identity types the API can add to a user (the others come from channels). */
export const CREATABLE_IDENTITY_TYPES = ['email', 'phone_number', 'twitter', 'facebook', 'google', 'agent_forwarding'] as const;

/** The identity an operation acts on. */
export const identityId = (description: string) => param.numericId(description, { required: true, example: '77938' });

/** A value Zendesk can take as an email address: text@host.domain, at most 254 characters. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmailAddress = (value: string): boolean => value.length <= 254 && EMAIL.test(value);
