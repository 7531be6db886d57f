import "./admin.css";

// Styles only; the session is checked in (console)/layout.tsx and in every page.
export default function AdminRootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
