/**
 * nock patches Node's http module, which every test file of a jest worker shares: each file leaves
 * it as it found it, so one file's interceptors or net-connect ban never leak into the next.
 */
import nock from 'nock';

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});
