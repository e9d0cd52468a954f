import type { FastifyReply } from 'fastify';

/** A generated file (an export, a register) as the routes send it. */
export interface Download {
  filename: string;
  contentType: string;
  body: unknown;
}

/** Sends `file` to be saved, not shown. Personal data: never kept by a shared cache or the browser's. */
export function sendDownload(reply: FastifyReply, file: Download) {
  return reply.header('content-disposition', `attachment; filename="${file.filename}"`).header('cache-control', 'private, no-store').type(file.contentType).send(file.body);
}
