console.log("explorer");
