// Starts the sandbox executable on a free loopback port (or uses SANDBOX_URL) and gives the suites a fetch
// that sends a platform URL to the sandbox with only the scheme and host rewritten (the Host header keeps the
// platform's host name, so the shop stays in the host as on Shopify).
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function startSandbox() {
  if (process.env.SANDBOX_URL) {
    return { url: new URL(process.env.SANDBOX_URL), stop: async () => {} };
  }

  const dll = process.env.SANDBOX_DLL
    ?? execFileSync('dotnet', ['msbuild', 'sandbox/Marketplace.Sandbox.csproj', '-getProperty:TargetPath'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const child = spawn('dotnet', [dll, '--urls', 'http://127.0.0.1:0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let log = '';
    const onData = (chunk) => {
      log += chunk;
      const match = /Now listening on: (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        resolve(new URL(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`sandbox exited (${code}):\n${log}`)));
  });
  child.removeAllListeners('exit');
  return {
    url,
    stop: () => new Promise((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

/** A fetch that sends https://{host}/path to the sandbox, keeping {host} in the Host header. */
export function rewritingFetch(sandboxUrl) {
  return async (input, init = {}) => {
    const request = new Request(input, init);
    const target = new URL(request.url);
    const body = ['GET', 'HEAD'].includes(request.method) ? undefined : Buffer.from(await request.arrayBuffer());
    const headers = Object.fromEntries(request.headers);
    headers.host = target.host;
    return new Promise((resolve, reject) => {
      const outgoing = http.request({
        host: sandboxUrl.hostname,
        port: sandboxUrl.port,
        method: request.method,
        path: target.pathname + target.search,
        headers,
      }, (response) => {
        const chunks = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const v of [].concat(value)) {
              responseHeaders.append(name, v);
            }
          }
          const status = response.statusCode;
          const payload = [204, 304].includes(status) || request.method === 'HEAD' ? null : Buffer.concat(chunks);
          resolve(new Response(payload, { status, headers: responseHeaders }));
        });
      });
      outgoing.on('error', reject);
      if (body) {
        outgoing.write(body);
      }
      outgoing.end();
    });
  };
}

/** The app's GraphQL documents, read from shared/Shopify/ShopifyDocuments.cs (constants and their concatenations). */
export function appDocuments() {
  const source = readFileSync(path.join(repoRoot, 'shared/Shopify/ShopifyDocuments.cs'), 'utf8');
  const constants = {};
  for (const match of source.matchAll(/public const string (\w+) =\s*([\s\S]*?);\n/g)) {
    const [, name, expression] = match;
    constants[name] = expression
      .match(/"(?:[^"\\]|\\.)*"|\w+/g)
      .map((part) => (part.startsWith('"') ? JSON.parse(part) : constants[part]))
      .join('');
  }
  return constants;
}
