-- What each publication publishes, in its network's native format (format, text, media, link, thread parts,
-- first comment, options): the shape of PublicationContent in packages/contracts/src/posts.ts.
-- Null on rows written before this migration: they publish the post's text.
alter table publications add column content jsonb;
