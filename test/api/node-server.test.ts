// The Node server over a real socket: what only shows at the HTTP level.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../api/app.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** Sends one raw request on a kept-alive connection; resolves with the response head once the server closes it (or after 5 s). */
function rawRequest(head: string, body: string) {
  return new Promise<{ head: string; closedByServer: boolean }>((resolve) => {
    const port = Number(new URL(server.origin).port);
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ head: data.split('\r\n\r\n')[0]!, closedByServer: false });
    }, 5_000);
    socket.on('data', (chunk) => {
      data += chunk.toString();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ head: data.split('\r\n\r\n')[0]!, closedByServer: true });
    });
    socket.on('error', () => {});
    socket.write(head);
    socket.write(body);
  });
}

describe('the Node server', () => {
  it('answers an oversized body with 413 and Connection: close, and does close it', async () => {
    const body = 'x'.repeat(MAX_BODY_BYTES + 1024);
    const port = new URL(server.origin).port;
    const { head, closedByServer } = await rawRequest(
      `POST /api/auth/register HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: ${server.origin}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`,
      body,
    );
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head).toMatch(/^connection: close$/im);
    expect(head).not.toMatch(/keep-alive/i);
    expect(closedByServer).toBe(true);
  });
});
