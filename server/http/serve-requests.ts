import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAllowedHost } from './allowed-hosts';
import type { PageHandler } from './pages';
import { sendError } from './respond';

interface Deps {
  /** From allowedHosts(); null answers any Host. */
  hosts: Set<string> | null;
  /** The API router: true when it owned the request. */
  api: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Next's pages; null serves the API only. */
  pages: PageHandler | null;
}

/** Every HTTP request: 403 for a Host this monitor does not answer to, then the API, then the pages, else 404. */
export function serveRequests({ hosts, api, pages }: Deps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (!isAllowedHost(req, hosts)) {
      sendError(res, 403, `this monitor does not answer to the name ${JSON.stringify(req.headers.host)}; open it by a name in SAGA_MONITOR_ALLOWED_HOSTS or its loopback address`);
      return;
    }
    if (api(req, res)) return;
    if (pages) void pages.handle(req, res);
    else sendError(res, 404, 'this monitor serves the API only');
  };
}
