declare module 'virtual:backstory-matcher-data' {
  const data: { version: string; packed: import('./pack').PackedMatcherData };
  export default data;
}

declare module 'virtual:backstory-matcher-version' {
  const version: string;
  export default version;
}
