/** Whether the page to go back to is a consumer's (a machine's page, an order, their account). */
export function isConsumerPath(path: string): boolean {
  return /^\/(me|order|m)(\/|\?|$)/.test(path);
}
