import { NotFoundMessage } from "~/app/_components/ui/not-found-message";

export default function OrgNotFound() {
  return <NotFoundMessage />;
}
