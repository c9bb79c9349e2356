import { stickersDownload } from "../../sticker-route";

export const dynamic = "force-dynamic";

export const GET = stickersDownload("single");
