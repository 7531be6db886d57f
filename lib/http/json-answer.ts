// A JSON answer as plain data, for the hottest read (the payer's status): the front server
// (./front-server.ts) writes it straight to the socket, and a Next route turns it into a web
// Response. Building and then reading back a web Response's body stream cost more CPU than the
// database read behind it.
export interface JsonAnswer {
  status: number;
  json: unknown;
  /** Lower-case names. */
  headers: Record<string, string>;
}

export function isJsonAnswer(answer: JsonAnswer | Response): answer is JsonAnswer {
  return !(answer instanceof Response);
}

export function toResponse(answer: JsonAnswer | Response): Response {
  return isJsonAnswer(answer) ? Response.json(answer.json, { status: answer.status, headers: answer.headers }) : answer;
}
