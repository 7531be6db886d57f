import { NotFoundCard } from "@/payer/not-found-card";

// Every unknown address (and notFound() outside the console): in the payer pages' plain style.
export default function NotFound() {
  return <NotFoundCard />;
}
