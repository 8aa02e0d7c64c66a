/** Word lists and templates the seed combines into realistic-looking support data. */

export const FIRST_NAMES = [
  'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sofia', 'Mateo', 'Amara', 'Hiro',
  'Priya', 'Jonas', 'Chloe', 'Diego', 'Fatima', 'Oscar', 'Ingrid', 'Kwame', 'Lena', 'Ravi', 'Yuki', 'Nora',
  'Samir', 'Elena', 'Tomas', 'Aisha', 'Felix', 'Grace', 'Omar', 'Hannah', 'Marco', 'Zoe', 'Adrian', 'Leila',
];

export const LAST_NAMES = [
  'Smith', 'Garcia', 'Nguyen', 'Müller', 'Okafor', 'Tanaka', 'Rossi', 'Kowalski', 'Johansson', 'Patel',
  'Dubois', 'Silva', 'Kim', 'Andersen', 'Haddad', 'Brown', 'Novak', 'Costa', 'Fischer', 'Mensah', 'Lopez',
  'Ivanova', 'Walsh', 'Sato', 'Moreau', 'Schmidt', 'Hughes', 'Reyes', 'Berg', 'Chen',
];

export const COMPANY_FIRST = [
  'Acme', 'Blue Harbor', 'Northwind', 'Brightline', 'Copperleaf', 'Summit', 'Redwood', 'Silverlake',
  'Ironbridge', 'Greenfield', 'Lighthouse', 'Pinecrest', 'Starling', 'Oakmont', 'Riverside', 'Cobalt',
  'Maple', 'Horizon', 'Granite', 'Willow',
];

export const COMPANY_SECOND = [
  'Logistics', 'Foods', 'Analytics', 'Outfitters', 'Health', 'Robotics', 'Media', 'Travel', 'Energy',
  'Bakery', 'Studios', 'Labs', 'Hardware', 'Finance', 'Apparel', 'Systems',
];

export const COMPANY_SUFFIX = ['', '', ' Inc', ' Ltd', ' GmbH', ' Co', ' Group'];

export const GROUP_NAMES = [
  'Support', 'Billing', 'Technical', 'Shipping', 'Sales', 'Escalations', 'Onboarding', 'Accounts',
  'Returns', 'Tier 3', 'Partners', 'Enterprise',
];

export const ORG_TAGS = ['enterprise', 'smb', 'partner', 'trial', 'premium', 'reseller'];
export const EXTRA_TAGS = ['vip', 'urgent', 'mobile', 'web', 'api', 'follow_up', 'eu', 'us'];

export interface TicketTheme {
  tag: string;
  group: string;
  subjects: readonly string[];
  problems: readonly string[];
}

/** `{n}` is replaced by a number, `{product}` by a product name. */
export const THEMES: readonly TicketTheme[] = [
  {
    tag: 'billing',
    group: 'Billing',
    subjects: ['Charged twice on invoice #{n}', 'Question about my latest invoice', 'Update billing address', 'Invoice {n} shows the wrong VAT'],
    problems: ['I was charged twice for the same subscription this month.', 'The invoice total does not match the plan I signed up for.', 'I need the company address on our invoices changed.'],
  },
  {
    tag: 'refund',
    group: 'Billing',
    subjects: ['Refund request for order #{n}', 'When will my refund arrive?', 'Partial refund for damaged {product}'],
    problems: ['I returned the {product} two weeks ago and have not seen the refund yet.', 'Please refund order #{n}; it was cancelled before shipping.'],
  },
  {
    tag: 'login',
    group: 'Support',
    subjects: ["Can't log in to my account", 'Password reset email never arrives', 'Locked out after two-factor reset', 'SSO login loops back to the sign-in page'],
    problems: ['Every time I try to sign in I get an "invalid credentials" error.', 'The password reset link says it has expired as soon as I open it.', 'Our team cannot sign in through SSO since this morning.'],
  },
  {
    tag: 'bug',
    group: 'Technical',
    subjects: ['{product} crashes on startup', 'Export to CSV is missing columns', 'Error 500 when saving settings', 'Sync stopped working after update {n}'],
    problems: ['The {product} app closes right after the splash screen.', 'Saving the settings page shows a server error.', 'Since the last update nothing syncs between devices.'],
  },
  {
    tag: 'shipping',
    group: 'Shipping',
    subjects: ['Where is my order #{n}?', 'Package marked delivered but not received', 'Change delivery address for order #{n}', 'Shipping to Canada'],
    problems: ['Tracking has not updated for five days.', 'The courier says it was delivered but nothing arrived.', 'I moved and need the {product} sent to my new address.'],
  },
  {
    tag: 'feature-request',
    group: 'Sales',
    subjects: ['Feature request: dark mode', 'Can you add an API for reports?', 'Suggestion for the {product} dashboard', 'Bulk edit for tags'],
    problems: ['It would help us a lot if the dashboard could be filtered by team.', 'We would like to export reports automatically every week.'],
  },
  {
    tag: 'account',
    group: 'Accounts',
    subjects: ['Add a new admin to our account', 'Close my account', 'Transfer ownership of workspace', 'Upgrade to the annual plan'],
    problems: ['Our previous admin left the company and we need to transfer ownership.', 'Please upgrade us to the annual plan from next month.'],
  },
];

export const PRODUCTS = ['Pro Scanner', 'SmartHub', 'Desk Lamp X2', 'AirBeam', 'mobile app', 'web dashboard', 'Printer 3000', 'CloudSync'];

export const GREETINGS = ['Hi,', 'Hello,', 'Hi team,', 'Good morning,', 'Hey there,', 'Dear support,'];
export const DETAILS = [
  'This started after the last update.',
  'I tried restarting and clearing the cache but it did not help.',
  'It is blocking my whole team.',
  'I have attached screenshots in a previous email.',
  'Order number is {n} if that helps.',
  'This is the second time I am writing about this.',
  'We are on the business plan.',
];
export const CLOSINGS = ['Thanks!', 'Thanks in advance.', 'Regards,', 'Cheers,', 'Please help.', 'Best,'];

export const TIME_ZONES = ['Eastern Time (US & Canada)', 'Pacific Time (US & Canada)', 'London', 'Berlin', 'Tokyo', 'Sydney', 'Amsterdam'];
export const LOCALES = ['en-US', 'en-GB', 'de', 'fr', 'es', 'ja', 'nl'];
export const END_USER_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example'];
