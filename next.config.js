/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The custom server (server/) owns /api and socket.io; Next serves pages only.
  poweredByHeader: false,
};

export default nextConfig;
