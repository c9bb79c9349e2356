import "server-only";
import {
  addAdjustment,
  addAdjustmentInput,
  approveStatement,
  contractIdInput,
  generateStatements,
  generateStatementsInput,
  getStatement,
  listContracts,
  listContractsInput,
  listStatements,
  listStatementsInput,
  markStatementPaid,
  removeContract,
  saveContract,
  saveContractInput,
  sendStatement,
  statementIdInput,
} from "~/server/hosts";
import { createTRPCRouter, orgProcedure } from "../init";

const contractsRouter = createTRPCRouter({
  /** A location's contracts, newest first, with the one in force now. */
  list: orgProcedure("viewer").input(listContractsInput).query(({ ctx, input }) => listContracts(ctx.svc, input)),
  /** Saves a contract from a month on (replacing one that starts that month); recomputes the draft statements it governs. */
  save: orgProcedure("manager").input(saveContractInput).mutation(({ ctx, input }) => saveContract(ctx.svc, input)),
  /** Removes a contract no statement has used. */
  remove: orgProcedure("manager").input(contractIdInput).mutation(({ ctx, input }) => removeContract(ctx.svc, input)),
});

const statementsRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listStatementsInput).query(({ ctx, input }) => listStatements(ctx.svc, input)),
  get: orgProcedure("viewer").input(statementIdInput).query(({ ctx, input }) => getStatement(ctx.svc, input)),
  approve: orgProcedure("manager").input(statementIdInput).mutation(({ ctx, input }) => approveStatement(ctx.svc, input)),
  /** Marks it sent and e-mails its PDF to the contract's contacts and the location's hosts. */
  send: orgProcedure("manager").input(statementIdInput).mutation(({ ctx, input }) => sendStatement(ctx.svc, input)),
  markPaid: orgProcedure("manager").input(statementIdInput).mutation(({ ctx, input }) => markStatementPaid(ctx.svc, input)),
  addAdjustment: orgProcedure("manager").input(addAdjustmentInput).mutation(({ ctx, input }) => addAdjustment(ctx.svc, input)),
  /** Makes or recomputes a closed month's statements by hand. */
  generate: orgProcedure("manager").input(generateStatementsInput).mutation(({ ctx, input }) => generateStatements(ctx.svc, input)),
});

export const hostsRouter = createTRPCRouter({ contracts: contractsRouter, statements: statementsRouter });
