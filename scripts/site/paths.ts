/** Where each page of the region site lies, so links and the files written agree. */
export const REGION_PAGE = "index.html";
export const CATALOGUE_PAGE = "catalogue.html";
export const MUNICIPALITY_FOLDER = "municipalities";

/** Slugs are [a-z0-9-] (the tenant schema), so they are safe as file names. */
export const municipalityPage = (slug: string) => `${MUNICIPALITY_FOLDER}/${slug}.html`;
