import { NotFoundMessage } from "~/app/_components/not-found-message";

export default function OrgNotFound() {
  return <NotFoundMessage />;
}
