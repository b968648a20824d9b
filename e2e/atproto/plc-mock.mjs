// A minimal did:plc directory for the local PDS: stores each DID's latest operation and serves its DID
// document, its data and its last operation — the calls @atproto/pds makes when it creates an account.
import { createServer } from 'node:http';
import plc from '@did-plc/lib';

/** Starts the directory on loopback; returns its URL and a close(). */
export async function startPlcMock() {
  const operations = new Map();
  const dataOf = (did, op) => ({
    did,
    verificationMethods: op.verificationMethods,
    rotationKeys: op.rotationKeys,
    alsoKnownAs: op.alsoKnownAs,
    services: op.services,
  });
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const [, rawDid, ...rest] = new URL(request.url, 'http://plc').pathname.split('/');
    const did = decodeURIComponent(rawDid ?? '');
    const send = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'POST') {
      operations.set(did, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      return send(200, {});
    }
    if (did === '_health') return send(200, { version: 'mock' });
    const op = operations.get(did);
    if (!op) return send(404, { message: `DID not registered: ${did}` });
    const tail = rest.join('/');
    if (tail === 'data') return send(200, dataOf(did, op));
    if (tail === 'log/last') return send(200, op);
    if (tail === 'log') return send(200, [op]);
    return send(200, plc.formatDidDoc(dataOf(did, op)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
