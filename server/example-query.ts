/** What GraphiQL shows first: the question the project was started for, and where to go next. */
export const EXAMPLE_QUERY = `# Which treaties affected the Ili basin, and who signed
# them? Run it with ▶ (Ctrl-Enter). Next, try
#   search(query: "Irkestam")    (typos are fine)
#   path(from: "Zuo Zongtang", to: "Kyrgyzstan")
# or see it all as a graph in the explorer: /explorer
{
  treaties(affecting: "Ili basin") {
    totalCount
    edges {
      node {
        id
        name
        time { text start { year } }
        parties { nodes { name } }
        affects { edges { node { name } relation { type effect sources { quote } } } }
      }
    }
  }
}
`;
